using System.Text;

namespace Comptoir.FacturX.Fonts;

/// <summary>
/// The glyphs one document draws with one font. Each glyph gets a character id (CID) on first use, in order of
/// appearance; the subset font stores glyph n at index n, so the PDF can use /CIDToGIDMap /Identity.
/// </summary>
public sealed class FontSubset
{
    private readonly Dictionary<int, ushort> _cidByCodePoint = new(128);
    private readonly Dictionary<ushort, ushort> _cidByGlyph = new(128);
    private readonly List<ushort> _glyphByCid = [0];
    private readonly List<string> _textByCid = [string.Empty];

    public FontSubset(TrueTypeFont font)
    {
        Font = font ?? throw new ArgumentNullException(nameof(font));
    }

    public TrueTypeFont Font { get; }

    /// <summary>Number of CIDs in use, .notdef included.</summary>
    public int Count => _glyphByCid.Count;

    /// <summary>Original glyph index of each CID.</summary>
    internal IReadOnlyList<ushort> GlyphByCid => _glyphByCid;

    /// <summary>The Unicode text each CID stands for (for the ToUnicode map).</summary>
    internal IReadOnlyList<string> TextByCid => _textByCid;

    /// <summary>Encodes text as big-endian 2-byte CIDs (Identity-H), registering every glyph it uses.</summary>
    public void Encode(string text, StringBuilder hex)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hex);
        foreach (var rune in text.EnumerateRunes())
        {
            var cid = CidFor(rune.Value);
            hex.Append(HexDigits[cid >> 12]).Append(HexDigits[(cid >> 8) & 0xF]).Append(HexDigits[(cid >> 4) & 0xF]).Append(HexDigits[cid & 0xF]);
        }
    }

    /// <summary>The CID for a code point; characters the font lacks are drawn as '?' so text stays readable.</summary>
    public ushort CidFor(int codePoint)
    {
        if (_cidByCodePoint.TryGetValue(codePoint, out var known))
        {
            return known;
        }

        var glyph = Font.GlyphFor(codePoint);
        var text = char.ConvertFromUtf32(codePoint);
        if (glyph == 0)
        {
            glyph = Font.GlyphFor('?');
            text = "?";
        }

        if (!_cidByGlyph.TryGetValue(glyph, out var cid))
        {
            cid = checked((ushort)_glyphByCid.Count);
            _glyphByCid.Add(glyph);
            _textByCid.Add(text);
            _cidByGlyph[glyph] = cid;
        }

        _cidByCodePoint[codePoint] = cid;
        return cid;
    }

    /// <summary>A six-letter subset tag derived from the glyphs used, so the same text gives the same name.</summary>
    public string Tag()
    {
        uint hash = 2166136261;
        foreach (var glyph in _glyphByCid)
        {
            hash = (hash ^ glyph) * 16777619;
        }

        var tag = new char[6];
        for (var i = 0; i < 6; i++)
        {
            tag[i] = (char)('A' + (hash % 26));
            hash /= 26;
        }

        return new string(tag);
    }

    private const string HexDigits = "0123456789ABCDEF";
}
