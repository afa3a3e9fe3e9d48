namespace Comptoir.FacturX.Fonts;

/// <summary>
/// Builds a TrueType font holding only the glyphs of a <see cref="FontSubset"/>, renumbered by CID. Composite
/// glyphs keep their components (appended after the used glyphs, with their references rewritten). Hinting
/// tables are copied unchanged, because glyph programs may call functions defined there.
/// </summary>
public static class TrueTypeSubsetter
{
    private static readonly string[] CopiedTables = ["cvt ", "fpgm", "prep", "OS/2"];

    public static byte[] Subset(FontSubset subset)
    {
        ArgumentNullException.ThrowIfNull(subset);
        var font = subset.Font;
        var order = new List<ushort>(subset.GlyphByCid);
        var newIndex = new Dictionary<ushort, ushort>();
        for (var i = 0; i < order.Count; i++)
        {
            newIndex.TryAdd(order[i], (ushort)i);
        }

        // Closure over composite glyphs: components get new indices after the used glyphs.
        for (var i = 0; i < order.Count; i++)
        {
            foreach (var component in CompositeGlyphs.Components(font.GlyphData(order[i])))
            {
                if (!newIndex.ContainsKey(component))
                {
                    newIndex[component] = checked((ushort)order.Count);
                    order.Add(component);
                }
            }
        }

        var glyf = new MemoryStream();
        var loca = new byte[(order.Count + 1) * 4];
        for (var i = 0; i < order.Count; i++)
        {
            BigEndian.WriteU32(loca, i * 4, (uint)glyf.Length);
            var data = font.GlyphData(order[i]).ToArray();
            CompositeGlyphs.Remap(data, newIndex);
            glyf.Write(data);
            while (glyf.Length % 4 != 0)
            {
                glyf.WriteByte(0);
            }
        }

        BigEndian.WriteU32(loca, order.Count * 4, (uint)glyf.Length);

        var hmtx = new byte[order.Count * 4];
        for (var i = 0; i < order.Count; i++)
        {
            BigEndian.WriteU16(hmtx, i * 4, font.Advance(order[i]));
            BigEndian.WriteU16(hmtx, (i * 4) + 2, (ushort)font.LeftBearing(order[i]));
        }

        var head = font.Table("head").ToArray();
        BigEndian.WriteU32(head, 8, 0); // checkSumAdjustment, set below
        BigEndian.WriteU16(head, 50, 1); // long loca

        var hhea = font.Table("hhea").ToArray();
        BigEndian.WriteU16(hhea, 34, order.Count);

        var maxp = font.Table("maxp").ToArray();
        BigEndian.WriteU16(maxp, 4, order.Count);

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["glyf"] = glyf.ToArray(),
            ["head"] = head,
            ["hhea"] = hhea,
            ["hmtx"] = hmtx,
            ["loca"] = loca,
            ["maxp"] = maxp,
            ["cmap"] = SubsetTables.Cmap(subset),
            ["post"] = SubsetTables.Post(font.Table("post")),
        };
        foreach (var tag in CopiedTables)
        {
            if (font.HasTable(tag))
            {
                tables[tag] = font.Table(tag).ToArray();
            }
        }

        return FontFileWriter.Write(tables);
    }
}
