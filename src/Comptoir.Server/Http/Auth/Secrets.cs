using System.Security.Cryptography;
using System.Text;

namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Random secrets and their stored form. Secrets are 256-bit random values, so a plain SHA-256 is the right hash:
/// nothing to brute-force, and a lookup by hash needs no per-row salt.
/// </summary>
public static class Secrets
{
    public static string New(string prefix = "") => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
