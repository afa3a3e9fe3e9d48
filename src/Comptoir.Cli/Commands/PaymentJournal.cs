using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Comptoir.Cli.Commands;

/// <summary>
/// The local record of payments asked for: the idempotency key of a payment (same API, beneficiary, account, amount,
/// reference) is written and flushed to disk before the request is sent, so re-running an interrupted `pay` sends
/// the same key and the API answers with the transfer it already made instead of paying twice.
/// </summary>
public sealed class PaymentJournal(string path, TimeProvider clock)
{
    public static string DefaultPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "comptoir", "payments.jsonl");

    public static string Fingerprint(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));

    /// <summary>The key already recorded for this payment, or a new one, durably recorded before it is returned.</summary>
    public string KeyFor(string fingerprint, out bool reused)
    {
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                try
                {
                    using var entry = JsonDocument.Parse(line);
                    if (entry.RootElement.GetProperty("fingerprint").GetString() == fingerprint)
                    {
                        reused = true;
                        return entry.RootElement.GetProperty("idempotency_key").GetString()!;
                    }
                }
                catch (JsonException)
                {
                    // A torn last line from a crash: ignore it; its payment was never sent with that key.
                }
            }
        }

        var key = Guid.NewGuid().ToString();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            var line = JsonSerializer.Serialize(new Dictionary<string, string> { ["fingerprint"] = fingerprint, ["idempotency_key"] = key, ["recorded_at"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture) }) + "\n";
            stream.Write(Encoding.UTF8.GetBytes(line));
            stream.Flush(flushToDisk: true);
        }

        reused = false;
        return key;
    }
}
