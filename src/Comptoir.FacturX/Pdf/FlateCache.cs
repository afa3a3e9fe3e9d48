using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Comptoir.FacturX.Pdf;

/// <summary>
/// Flate-compresses stream data, remembering the result for data that recurs from one document to the next (the
/// ICC profile always, font subsets and ToUnicode maps whenever two invoices use the same glyphs). Compression at
/// the optimal level is most of a small invoice's cost; a SHA-256 of the input costs a few percent of it, and the
/// output is byte for byte what compressing again would give, so files stay deterministic.
/// </summary>
internal static class FlateCache
{
    // Bounded: fonts subsets are tens of KB compressed; a full cache is dropped rather than tracked entry by entry.
    private const int MaxEntries = 256;
    private static readonly ConcurrentDictionary<UInt128, byte[]> Remembered = new();

    public static byte[] Compress(ReadOnlySpan<byte> data, bool remember)
    {
        if (!remember)
        {
            return Deflate(data);
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(data, digest);
        var key = new UInt128(BitConverter.ToUInt64(digest), BitConverter.ToUInt64(digest[8..]));
        if (Remembered.TryGetValue(key, out var known))
        {
            return known;
        }

        var compressed = Deflate(data);
        if (Remembered.Count >= MaxEntries)
        {
            Remembered.Clear();
        }

        Remembered[key] = compressed;
        return compressed;
    }

    private static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var buffer = new MemoryStream(data.Length / 2 + 64);
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }
}
