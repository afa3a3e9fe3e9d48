using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// The X-Qonto-Signature header of a delivery: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>,
/// the rule the public API documents and receivers written from its docs check.
/// </summary>
public static class WebhookSigner
{
    public const string Header = "X-Qonto-Signature";

    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Signature(secret, timestamp, body)}";
    }

    /// <summary>The hex HMAC-SHA256 of "&lt;timestamp&gt;.&lt;body&gt;" under the secret's UTF-8 bytes.</summary>
    public static string Signature(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
