using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// How an event's data is kept in <c>webhook_events.payload</c>. A resource of a few kilobytes, stored as is, took an
/// overflow page of its own in every row and was most of what an event cost the write that records it; compressed it
/// fits in the row's page. So the column holds either the JSON object itself (short data, and every row written
/// before) or <see cref="CompressedPrefix"/> followed by the Base64 of its Brotli compression.
/// </summary>
[PublicSurface]
public static class WebhookPayloads
{
    public const string CompressedPrefix = "br:";

    /// <summary>Below this many characters the JSON is kept as is: it fits in its row's page anyway.</summary>
    public const int CompressFrom = 512;

    // Brotli's fastest level: the payload is written once and read a few times, and the writer must not wait on it.
    private const int Quality = 1;
    private const int Window = 22;

    /// <summary>What to store for the JSON object <paramref name="data"/>.</summary>
    public static string Store(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < CompressFrom)
        {
            return data;
        }

        var utf8 = Encoding.UTF8.GetBytes(data);
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(utf8.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(utf8, buffer, out var written, Quality, Window))
            {
                return data;
            }

            return CompressedPrefix + Convert.ToBase64String(buffer, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The JSON object a stored payload holds.</summary>
    /// <exception cref="InvalidDataException">A compressed payload that does not decompress.</exception>
    public static string Read(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(CompressedPrefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var compressed = Convert.FromBase64String(stored[CompressedPrefix.Length..]);
        using var input = new MemoryStream(compressed);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        try
        {
            return reader.ReadToEnd();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException("A stored webhook payload does not decompress.", e);
        }
    }
}
