namespace Comptoir.FacturX.Fonts;

/// <summary>The small tables a subset font gets new: a Unicode cmap over the kept glyphs and a name-less post table.</summary>
internal static class SubsetTables
{
    /// <summary>A (3,1) format 4 cmap mapping each BMP character used to its new glyph index, one segment per run.</summary>
    public static byte[] Cmap(FontSubset subset)
    {
        var pairs = new SortedDictionary<int, int>();
        for (var cid = 1; cid < subset.Count; cid++)
        {
            var text = subset.TextByCid[cid];
            if (text.Length == 1 && text[0] != '\uFFFF')
            {
                pairs.TryAdd(text[0], cid);
            }
        }

        // Consecutive characters with consecutive glyphs share a segment (same delta).
        var segments = new List<(int Start, int End, int Delta)>();
        foreach (var (code, glyph) in pairs)
        {
            var delta = (glyph - code) & 0xFFFF;
            if (segments.Count > 0 && segments[^1].End == code - 1 && segments[^1].Delta == delta)
            {
                segments[^1] = (segments[^1].Start, code, delta);
            }
            else
            {
                segments.Add((code, code, delta));
            }
        }

        segments.Add((0xFFFF, 0xFFFF, 1));
        var segCount = segments.Count;
        var length = 16 + (segCount * 8);
        var table = new byte[12 + length];
        BigEndian.WriteU16(table, 0, 0); // version
        BigEndian.WriteU16(table, 2, 1); // one subtable
        BigEndian.WriteU16(table, 4, 3); // Windows
        BigEndian.WriteU16(table, 6, 1); // Unicode BMP
        BigEndian.WriteU32(table, 8, 12);
        var s = 12;
        var entrySelector = (int)Math.Floor(Math.Log2(segCount));
        var searchRange = 2 * (1 << entrySelector);
        BigEndian.WriteU16(table, s, 4);
        BigEndian.WriteU16(table, s + 2, length);
        BigEndian.WriteU16(table, s + 6, segCount * 2);
        BigEndian.WriteU16(table, s + 8, searchRange);
        BigEndian.WriteU16(table, s + 10, entrySelector);
        BigEndian.WriteU16(table, s + 12, (segCount * 2) - searchRange);
        var ends = s + 14;
        var starts = ends + (segCount * 2) + 2;
        var deltas = starts + (segCount * 2);
        for (var i = 0; i < segCount; i++)
        {
            BigEndian.WriteU16(table, ends + (i * 2), segments[i].End);
            BigEndian.WriteU16(table, starts + (i * 2), segments[i].Start);
            BigEndian.WriteU16(table, deltas + (i * 2), segments[i].Delta);
            // idRangeOffset stays 0: glyphs come from the delta.
        }

        return table;
    }

    /// <summary>post version 3.0: metrics copied from the original, no glyph names.</summary>
    public static byte[] Post(ReadOnlySpan<byte> original)
    {
        var post = new byte[32];
        original[..Math.Min(32, original.Length)].CopyTo(post);
        BigEndian.WriteU32(post, 0, 0x00030000);
        return post;
    }
}
