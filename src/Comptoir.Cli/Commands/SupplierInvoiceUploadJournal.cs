using System.Security.Cryptography;
using System.Text.Json;

namespace Comptoir.Cli.Commands;

/// <summary>
/// The idempotency keys of supplier invoice uploads, derived from each file's content and recorded (flushed) before
/// the upload is sent: re-running an interrupted or repeated upload sends the same key for the same file, and the API
/// answers with the invoice it created instead of a second one.
/// </summary>
public sealed class SupplierInvoiceUploadJournal(string path)
{
    public static string DefaultPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "comptoir", "supplier-invoice-uploads.jsonl");

    /// <summary>The key of this content: the one recorded for it, or a new one derived from its SHA-256, recorded now.</summary>
    public string KeyFor(byte[] content, string fileName)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                try
                {
                    using var entry = JsonDocument.Parse(line);
                    if (entry.RootElement.GetProperty("sha256").GetString() == sha)
                    {
                        return entry.RootElement.GetProperty("idempotency_key").GetString()!;
                    }
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    // A torn last line from a crash: its upload was never sent with a key of its own.
                }
            }
        }

        var key = "sha256-" + sha[..40];
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("sha256", sha);
            json.WriteString("idempotency_key", key);
            json.WriteString("file_name", fileName);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
        return key;
    }
}
