using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Comptoir.Client;

/// <summary>
/// Verifies X-Qonto-Signature ("t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;") in constant
/// time, refusing timestamps older (or newer) than the tolerance, 5 minutes by default.
/// </summary>
public static class WebhookSignature
{
    /// <summary>How old a signed timestamp may be: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>True when X-Qonto-Signature matches the raw body under the secret and its timestamp is within the tolerance (constant-time comparison).</summary>
    public static bool Verify(string? header, string rawBody, string secret, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0] == "t")
            {
                timestamp = pair[1];
            }
            else if (pair[0] == "v1")
            {
                signatures.Add(pair[1]);
            }
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signatures.Count == 0)
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }

        var expected = Compute(secret, timestamp!, rawBody);
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s.ToLowerInvariant()), Encoding.ASCII.GetBytes(expected)));
    }

    /// <summary>The hex signature for a timestamp and body (what a sender puts after v1=).</summary>
    public static string Compute(string secret, string timestamp, string rawBody) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{rawBody}")));
}
