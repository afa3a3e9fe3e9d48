using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Comptoir.Client;

/// <summary>
/// Verifies X-Qonto-Signature ("t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;") in constant
/// time, refusing timestamps older (or newer) than the tolerance, 5 minutes by default. Several v1 entries may be
/// present (a sender rotating secrets): one matching is enough.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header a delivery carries its signature in.</summary>
    public const string Header = "X-Qonto-Signature";

    /// <summary>How old a signed timestamp may be: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>True when X-Qonto-Signature matches the raw body under the secret and its timestamp is within the tolerance (constant-time comparison).</summary>
    public static bool Verify(string? header, string rawBody, string secret, DateTimeOffset now, TimeSpan? tolerance = null) =>
        Check(header, rawBody, secret, now, tolerance) == WebhookSignatureCheck.Valid;

    /// <summary>Why the signature of a body given as text holds or not (the body is signed as its UTF-8 bytes).</summary>
    public static WebhookSignatureCheck Check(string? header, string rawBody, string secret, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        return Check(header, Encoding.UTF8.GetBytes(rawBody), secret, now, tolerance);
    }

    /// <summary>Why the signature of the raw body bytes holds or not.</summary>
    public static WebhookSignatureCheck Check(string? header, ReadOnlySpan<byte> rawBody, string secret, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return WebhookSignatureCheck.Missing;
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

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signatures.Count == 0
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookSignatureCheck.Malformed;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? DefaultTolerance))
        {
            return WebhookSignatureCheck.OutsideTolerance;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp!, rawBody));
        var matched = false;
        foreach (var signature in signatures)
        {
            // Every entry is compared, in constant time each: the answer's timing says nothing about which matched.
            matched |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature.ToLowerInvariant()), expected);
        }

        return matched ? WebhookSignatureCheck.Valid : WebhookSignatureCheck.Mismatch;
    }

    /// <summary>The hex signature for a timestamp and body (what a sender puts after v1=).</summary>
    public static string Compute(string secret, string timestamp, string rawBody)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        return Compute(secret, timestamp, Encoding.UTF8.GetBytes(rawBody));
    }

    /// <summary>The hex signature for a timestamp and the raw body bytes.</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>A complete header value for a body signed at <paramref name="at"/>: what a sender (or a test) sends.</summary>
    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> rawBody)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Compute(secret, timestamp, rawBody)}";
    }
}

/// <summary>The outcome of checking a delivery's signature.</summary>
public enum WebhookSignatureCheck
{
    /// <summary>A v1 signature matches and the timestamp is within the tolerance.</summary>
    Valid,

    /// <summary>No X-Qonto-Signature header.</summary>
    Missing,

    /// <summary>The header has no numeric t= or no v1= entry.</summary>
    Malformed,

    /// <summary>No v1 signature matches the body under the secret (a wrong secret or a changed body).</summary>
    Mismatch,

    /// <summary>The signed timestamp is further from now than the tolerance (a replay, or a clock off by minutes).</summary>
    OutsideTolerance,
}
