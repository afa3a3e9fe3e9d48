using System.IO.Compression;
using System.Text;
using Comptoir.FacturX.Pdf;

namespace Comptoir.FacturX.Tests;

public class FlateCacheTests
{
    [Fact]
    public void A_remembered_stream_is_the_same_bytes_as_a_fresh_compression_and_inflates_back_to_its_input()
    {
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 500).Select(i => $"glyph {i} ")));

        var fresh = FlateCache.Compress(data, remember: false);
        var first = FlateCache.Compress(data, remember: true);
        var second = FlateCache.Compress(data, remember: true);

        Assert.Equal(fresh, first);
        Assert.Same(first, second);
        using var inflater = new ZLibStream(new MemoryStream(second), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        inflater.CopyTo(inflated);
        Assert.Equal(data, inflated.ToArray());
    }

    [Fact]
    public void Different_data_never_shares_an_entry()
    {
        var one = FlateCache.Compress("subset A"u8, remember: true);
        var other = FlateCache.Compress("subset B"u8, remember: true);

        Assert.NotEqual(one, other);
    }
}
