using System.Text;

namespace Comptoir.FacturX.Fonts;

/// <summary>
/// A parsed TrueType font: the metrics the layout needs (advance widths, ascent, descent, bounding box),
/// the Unicode-to-glyph map, and the raw tables the subsetter copies. Read once, shared by every document.
/// </summary>
public sealed class TrueTypeFont
{
    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables;
    private readonly Dictionary<int, ushort> _cmap;
    private readonly ushort[] _advances;
    private readonly short[] _leftBearings;

    private TrueTypeFont(byte[] data)
    {
        _data = data;
        _tables = ReadTableDirectory(data);
        var head = Table("head");
        UnitsPerEm = BigEndian.U16(head, 18);
        XMin = BigEndian.I16(head, 36);
        YMin = BigEndian.I16(head, 38);
        XMax = BigEndian.I16(head, 40);
        YMax = BigEndian.I16(head, 42);
        LongLoca = BigEndian.I16(head, 50) == 1;

        var hhea = Table("hhea");
        Ascent = BigEndian.I16(hhea, 4);
        Descent = BigEndian.I16(hhea, 6);
        var metricCount = BigEndian.U16(hhea, 34);

        GlyphCount = BigEndian.U16(Table("maxp"), 4);
        (_advances, _leftBearings) = ReadHorizontalMetrics(Table("hmtx"), metricCount, GlyphCount);
        _cmap = CmapReader.Read(Table("cmap"));

        if (_tables.ContainsKey("OS/2"))
        {
            var os2 = Table("OS/2");
            CapHeight = os2.Length >= 90 ? BigEndian.I16(os2, 88) : (short)(Ascent * 7 / 10);
            Weight = BigEndian.U16(os2, 4);
        }
        else
        {
            CapHeight = (short)(Ascent * 7 / 10);
            Weight = 400;
        }

        var post = Table("post");
        ItalicAngle = BigEndian.I16(post, 4) + (BigEndian.U16(post, 6) / 65536.0);
        IsFixedPitch = BigEndian.U32(post, 12) != 0;
        PostScriptName = ReadPostScriptName() ?? "Font";
    }

    public int UnitsPerEm { get; }

    public short XMin { get; }

    public short YMin { get; }

    public short XMax { get; }

    public short YMax { get; }

    public short Ascent { get; }

    public short Descent { get; }

    public short CapHeight { get; }

    public int Weight { get; }

    public double ItalicAngle { get; }

    public bool IsFixedPitch { get; }

    public int GlyphCount { get; }

    public string PostScriptName { get; }

    internal bool LongLoca { get; }

    /// <summary>Parses a TrueType (glyf-based) font file.</summary>
    /// <exception cref="InvalidDataException">Not a TrueType font, or a required table is missing.</exception>
    public static TrueTypeFont Parse(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new TrueTypeFont(data);
    }

    /// <summary>The glyph for a Unicode scalar, or 0 (.notdef) when the font has none.</summary>
    public ushort GlyphFor(int codePoint) => _cmap.TryGetValue(codePoint, out var gid) ? gid : (ushort)0;

    /// <summary>True when the font draws this Unicode scalar.</summary>
    public bool Covers(int codePoint) => _cmap.ContainsKey(codePoint);

    /// <summary>Advance width of a glyph in font units.</summary>
    public int Advance(int glyph) => _advances[glyph < _advances.Length ? glyph : 0];

    internal short LeftBearing(int glyph) => _leftBearings[glyph < _leftBearings.Length ? glyph : 0];

    /// <summary>Width of a string at a font size, in points.</summary>
    public double Measure(string text, double size)
    {
        long units = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            units += Advance(GlyphFor(rune.Value));
        }

        return units * size / UnitsPerEm;
    }

    internal bool HasTable(string tag) => _tables.ContainsKey(tag);

    internal ReadOnlySpan<byte> Table(string tag)
    {
        if (!_tables.TryGetValue(tag, out var entry))
        {
            throw new InvalidDataException($"The font has no '{tag}' table.");
        }

        if (entry.Offset < 0 || entry.Offset + entry.Length > _data.Length)
        {
            throw new InvalidDataException($"The font's '{tag}' table lies outside the file.");
        }

        return _data.AsSpan(entry.Offset, entry.Length);
    }

    /// <summary>The glyph's outline bytes as stored in glyf (empty for a blank glyph such as space).</summary>
    internal ReadOnlySpan<byte> GlyphData(int glyph)
    {
        var loca = Table("loca");
        int start, end;
        if (LongLoca)
        {
            start = (int)BigEndian.U32(loca, glyph * 4);
            end = (int)BigEndian.U32(loca, (glyph + 1) * 4);
        }
        else
        {
            start = BigEndian.U16(loca, glyph * 2) * 2;
            end = BigEndian.U16(loca, (glyph + 1) * 2) * 2;
        }

        var glyf = Table("glyf");
        if (end < start || end > glyf.Length)
        {
            throw new InvalidDataException($"Glyph {glyph} lies outside the glyf table.");
        }

        return glyf[start..end];
    }

    private static Dictionary<string, (int Offset, int Length)> ReadTableDirectory(byte[] data)
    {
        var version = BigEndian.U32(data, 0);
        if (version != 0x00010000 && version != 0x74727565)
        {
            throw new InvalidDataException("Not a TrueType font (only glyf-based fonts can be embedded).");
        }

        var count = BigEndian.U16(data, 4);
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (i * 16);
            var tag = Encoding.ASCII.GetString(data, record, 4);
            tables[tag] = ((int)BigEndian.U32(data, record + 8), (int)BigEndian.U32(data, record + 12));
        }

        foreach (var required in new[] { "head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post" })
        {
            if (!tables.ContainsKey(required))
            {
                throw new InvalidDataException($"The font has no '{required}' table.");
            }
        }

        return tables;
    }

    private static (ushort[] Advances, short[] Bearings) ReadHorizontalMetrics(ReadOnlySpan<byte> hmtx, int metricCount, int glyphCount)
    {
        var advances = new ushort[glyphCount];
        var bearings = new short[glyphCount];
        ushort last = 0;
        for (var i = 0; i < glyphCount; i++)
        {
            if (i < metricCount)
            {
                last = BigEndian.U16(hmtx, i * 4);
                advances[i] = last;
                bearings[i] = BigEndian.I16(hmtx, (i * 4) + 2);
            }
            else
            {
                advances[i] = last;
                bearings[i] = BigEndian.I16(hmtx, (metricCount * 4) + ((i - metricCount) * 2));
            }
        }

        return (advances, bearings);
    }

    private string? ReadPostScriptName()
    {
        if (!HasTable("name"))
        {
            return null;
        }

        var name = Table("name");
        var count = BigEndian.U16(name, 2);
        var storage = BigEndian.U16(name, 4);
        for (var i = 0; i < count; i++)
        {
            var record = 6 + (i * 12);
            var platform = BigEndian.U16(name, record);
            var nameId = BigEndian.U16(name, record + 6);
            if (nameId != 6)
            {
                continue;
            }

            var length = BigEndian.U16(name, record + 8);
            var offset = storage + BigEndian.U16(name, record + 10);
            var bytes = name.Slice(offset, length);
            var text = platform == 1 ? Encoding.ASCII.GetString(bytes) : Encoding.BigEndianUnicode.GetString(bytes);
            var clean = new string(text.Where(c => c is > ' ' and < '\u007f' and not '[' and not ']' and not '(' and not ')' and not '/' and not '%').ToArray());
            if (clean.Length > 0)
            {
                return clean;
            }
        }

        return null;
    }
}
