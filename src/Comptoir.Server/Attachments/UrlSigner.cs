using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Comptoir.Server.Storage;

namespace Comptoir.Server.Attachments;

/// <summary>
/// Pre-signed download URLs: HMAC-SHA256 over the attachment id and expiry, with a key kept in the database so
/// every server process signs and verifies alike. Valid 30 minutes; a changed id, expiry or signature fails.
/// </summary>
[PublicSurface]
public sealed class UrlSigner(KeyRing keys, TimeProvider clock)
{
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(30);

    public async Task<string> SignAsync(string baseUrl, string attachmentId, CancellationToken cancellationToken = default) =>
        (await PrepareAsync(baseUrl, cancellationToken).ConfigureAwait(false))(attachmentId);

    /// <summary>
    /// A signer with its key in hand, for URLs made inside a write's transaction (where the key, read through a write
    /// of its own on first use, cannot be fetched).
    /// </summary>
    public async Task<Func<string, string>> PrepareAsync(string baseUrl, CancellationToken cancellationToken = default)
    {
        var key = await KeyAsync(cancellationToken).ConfigureAwait(false);
        return attachmentId =>
        {
            var expires = (clock.GetUtcNow() + Validity).ToUnixTimeSeconds();
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Payload(attachmentId, expires)));
            return string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/v2/attachments/{attachmentId}/download?expires={expires}&signature={signature}");
        };
    }

    /// <summary>Null when valid; otherwise why not (expired, or a signature that does not match).</summary>
    public async Task<string?> VerifyAsync(string attachmentId, string? expires, string? signature, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || string.IsNullOrEmpty(signature) || signature.Length != 64)
        {
            return "The download link is malformed.";
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return "The download link is malformed.";
        }

        var expected = HMACSHA256.HashData(await KeyAsync(cancellationToken).ConfigureAwait(false), Payload(attachmentId, expiresAt));
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            return "The download link's signature is not valid.";
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() > expiresAt ? "The download link has expired (links are valid 30 minutes); fetch the attachment again for a fresh one." : null;
    }

    private static byte[] Payload(string attachmentId, long expires) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{attachmentId}:{expires}"));

    private Task<byte[]> KeyAsync(CancellationToken cancellationToken) => keys.GetAsync("url_signing_key", cancellationToken);
}
