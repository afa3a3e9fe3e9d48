namespace Comptoir.FacturX.Fonts;

/// <summary>Reads the Unicode subtables of a cmap (formats 4 and 12) into one code point -> glyph map.</summary>
internal static class CmapReader
{
    public static Dictionary<int, ushort> Read(ReadOnlySpan<byte> cmap)
    {
        var count = BigEndian.U16(cmap, 2);
        int format4 = -1, format12 = -1;
        for (var i = 0; i < count; i++)
        {
            var record = 4 + (i * 8);
            var platform = BigEndian.U16(cmap, record);
            var encoding = BigEndian.U16(cmap, record + 2);
            var offset = (int)BigEndian.U32(cmap, record + 4);
            var unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
            if (!unicode)
            {
                continue;
            }

            var format = BigEndian.U16(cmap, offset);
            if (format == 4 && format4 < 0)
            {
                format4 = offset;
            }
            else if (format == 12 && format12 < 0)
            {
                format12 = offset;
            }
        }

        var map = new Dictionary<int, ushort>(4096);
        if (format12 >= 0)
        {
            ReadFormat12(cmap[format12..], map);
        }
        else if (format4 >= 0)
        {
            ReadFormat4(cmap[format4..], map);
        }
        else
        {
            throw new InvalidDataException("The font has no Unicode cmap (format 4 or 12).");
        }

        return map;
    }

    private static void ReadFormat4(ReadOnlySpan<byte> table, Dictionary<int, ushort> map)
    {
        var segments = BigEndian.U16(table, 6) / 2;
        var endCodes = 14;
        var startCodes = endCodes + (segments * 2) + 2;
        var deltas = startCodes + (segments * 2);
        var rangeOffsets = deltas + (segments * 2);
        for (var s = 0; s < segments; s++)
        {
            int end = BigEndian.U16(table, endCodes + (s * 2));
            int start = BigEndian.U16(table, startCodes + (s * 2));
            var delta = BigEndian.I16(table, deltas + (s * 2));
            var rangeOffset = BigEndian.U16(table, rangeOffsets + (s * 2));
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0)
                {
                    glyph = (c + delta) & 0xFFFF;
                }
                else
                {
                    var at = rangeOffsets + (s * 2) + rangeOffset + ((c - start) * 2);
                    glyph = BigEndian.U16(table, at);
                    if (glyph != 0)
                    {
                        glyph = (glyph + delta) & 0xFFFF;
                    }
                }

                if (glyph != 0)
                {
                    map[c] = (ushort)glyph;
                }
            }
        }
    }

    private static void ReadFormat12(ReadOnlySpan<byte> table, Dictionary<int, ushort> map)
    {
        var groups = (int)BigEndian.U32(table, 12);
        for (var g = 0; g < groups; g++)
        {
            var record = 16 + (g * 12);
            var start = (int)BigEndian.U32(table, record);
            var end = (int)BigEndian.U32(table, record + 4);
            var glyph = (int)BigEndian.U32(table, record + 8);
            for (var c = start; c <= end && c - start < 0x10000; c++)
            {
                map[c] = (ushort)(glyph + (c - start));
            }
        }
    }
}
