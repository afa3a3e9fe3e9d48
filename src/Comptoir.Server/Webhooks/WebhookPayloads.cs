using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// How an event's data is kept in <c>webhook_events</c>. A resource of a few kilobytes, stored as is, took an overflow
/// page of its own in every row and was most of what an event cost the write that records it. So short data is kept
/// as the JSON object itself in <c>payload</c>, and longer data as its Brotli bytes in <c>data</c>, with an empty
/// <c>payload</c>. Rows written before the <c>data</c> column existed hold <see cref="LegacyCompressedPrefix"/>
/// followed by the Base64 of the same bytes (a third larger), and are read as they are.
/// </summary>
[PublicSurface]
public static class WebhookPayloads
{
    public const string LegacyCompressedPrefix = "br:";

    /// <summary>Below this many characters the JSON is kept as is: it fits in its row's page anyway.</summary>
    public const int CompressFrom = 512;

    // Brotli's fastest level: the payload is written once and read a few times, and the writer must not wait on it.
    private const int Quality = 1;
    private const int Window = 22;

    /// <summary>What to store for the JSON object <paramref name="data"/>: the text and the bytes, one of them empty.</summary>
    public static (string Payload, byte[]? Data) Store(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < CompressFrom)
        {
            return (data, null);
        }

        var utf8 = Encoding.UTF8.GetBytes(data);
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(utf8.Length));
        try
        {
            return BrotliEncoder.TryCompress(utf8, buffer, out var written, Quality, Window)
                ? (string.Empty, buffer.AsSpan(0, written).ToArray())
                : (data, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The JSON object a stored event holds.</summary>
    /// <exception cref="InvalidDataException">Compressed data that does not decompress.</exception>
    public static string Read(string payload, byte[]? data)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (data is not null)
        {
            return Decompress(data);
        }

        return payload.StartsWith(LegacyCompressedPrefix, StringComparison.Ordinal)
            ? Decompress(Convert.FromBase64String(payload[LegacyCompressedPrefix.Length..]))
            : payload;
    }

    private static string Decompress(byte[] compressed)
    {
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
