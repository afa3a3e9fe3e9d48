using System.Security.Cryptography;
using System.Text;

namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Random secrets and their stored form. Secrets are 256-bit random values, so a plain SHA-256 is the right hash:
/// nothing to brute-force, and a lookup by hash needs no per-row salt.
/// </summary>
public static class Secrets
{
    private const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // 43 characters drawn uniformly from 62 carry 256 bits, as 32 random bytes do.
    private const int SecretLength = 43;

    /// <summary>
    /// A new secret of letters and digits only (after the prefix): some clients validate API secrets with
    /// [A-Za-z0-9] and refused the '-' and '_' of base64url.
    /// </summary>
    public static string New(string prefix = "") => prefix + new string(RandomNumberGenerator.GetItems<char>(Alphanumerics, SecretLength));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
