namespace Comptoir.FacturX.Fonts;

/// <summary>Reads and rewrites the component references of composite glyphs (numberOfContours &lt; 0).</summary>
internal static class CompositeGlyphs
{
    private const int Arg1And2AreWords = 0x0001;
    private const int WeHaveAScale = 0x0008;
    private const int MoreComponents = 0x0020;
    private const int WeHaveAnXAndYScale = 0x0040;
    private const int WeHaveATwoByTwo = 0x0080;

    public static List<ushort> Components(ReadOnlySpan<byte> glyph)
    {
        var result = new List<ushort>();
        if (glyph.Length < 10 || BigEndian.I16(glyph, 0) >= 0)
        {
            return result;
        }

        var offset = 10;
        while (true)
        {
            var flags = BigEndian.U16(glyph, offset);
            result.Add(BigEndian.U16(glyph, offset + 2));
            offset += 4 + ArgumentsLength(flags);
            if ((flags & MoreComponents) == 0)
            {
                return result;
            }
        }
    }

    public static void Remap(Span<byte> glyph, IReadOnlyDictionary<ushort, ushort> newIndex)
    {
        if (glyph.Length < 10 || BigEndian.I16(glyph, 0) >= 0)
        {
            return;
        }

        var offset = 10;
        while (true)
        {
            var flags = BigEndian.U16(glyph, offset);
            var component = BigEndian.U16(glyph, offset + 2);
            BigEndian.WriteU16(glyph, offset + 2, newIndex[component]);
            offset += 4 + ArgumentsLength(flags);
            if ((flags & MoreComponents) == 0)
            {
                return;
            }
        }
    }

    private static int ArgumentsLength(int flags)
    {
        var length = (flags & Arg1And2AreWords) != 0 ? 4 : 2;
        if ((flags & WeHaveAScale) != 0)
        {
            length += 2;
        }
        else if ((flags & WeHaveAnXAndYScale) != 0)
        {
            length += 4;
        }
        else if ((flags & WeHaveATwoByTwo) != 0)
        {
            length += 8;
        }

        return length;
    }
}
