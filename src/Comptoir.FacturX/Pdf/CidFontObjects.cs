using System.Globalization;
using System.Text;
using Comptoir.FacturX.Fonts;

namespace Comptoir.FacturX.Pdf;

/// <summary>
/// Writes one embedded font as a Type0 font over a CIDFontType2 (Identity-H, CIDToGIDMap Identity) with its
/// descriptor, the subsetted TrueType program and a ToUnicode map so text can be copied and searched.
/// </summary>
internal static class CidFontObjects
{
    public static void Write(PdfObjectWriter pdf, int type0Id, FontSubset subset)
    {
        var font = subset.Font;
        var program = TrueTypeSubsetter.Subset(subset);
        var name = subset.Tag() + "+" + font.PostScriptName;
        int cidFontId = pdf.Reserve(), descriptorId = pdf.Reserve(), fileId = pdf.Reserve(), toUnicodeId = pdf.Reserve();

        pdf.WriteObject(type0Id, $"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cidFontId} 0 R] /ToUnicode {toUnicodeId} 0 R >>");
        pdf.WriteObject(cidFontId, Invariant($"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptorId} 0 R /CIDToGIDMap /Identity /DW {Scale(font, font.Advance(0))} /W [0 [{Widths(subset)}]] >>"));

        var flags = 32 | (font.IsFixedPitch ? 1 : 0) | (font.ItalicAngle != 0 ? 64 : 0);
        var stemV = font.Weight >= 600 ? 120 : 80;
        pdf.WriteObject(descriptorId, Invariant($"<< /Type /FontDescriptor /FontName /{name} /Flags {flags} /FontBBox [{Scale(font, font.XMin)} {Scale(font, font.YMin)} {Scale(font, font.XMax)} {Scale(font, font.YMax)}] /ItalicAngle {PdfText.Number(font.ItalicAngle)} /Ascent {Scale(font, font.Ascent)} /Descent {Scale(font, font.Descent)} /CapHeight {Scale(font, font.CapHeight)} /StemV {stemV} /FontFile2 {fileId} 0 R >>"));
        pdf.WriteStream(fileId, Invariant($"/Length1 {program.Length}"), program, recurring: true);
        pdf.WriteStream(toUnicodeId, string.Empty, ToUnicode(subset), recurring: true);
    }

    private static string Widths(FontSubset subset)
    {
        var builder = new StringBuilder(subset.Count * 4);
        for (var cid = 0; cid < subset.Count; cid++)
        {
            if (cid > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Scale(subset.Font, subset.Font.Advance(subset.GlyphByCid[cid])).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static int Scale(TrueTypeFont font, int units) => (int)Math.Round(units * 1000.0 / font.UnitsPerEm);

    private static byte[] ToUnicode(FontSubset subset)
    {
        var cmap = new StringBuilder(256 + (subset.Count * 24));
        cmap.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n");
        cmap.Append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n");
        cmap.Append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
        cmap.Append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        var entries = Enumerable.Range(1, subset.Count - 1).ToArray();
        foreach (var chunk in entries.Chunk(100))
        {
            cmap.Append(chunk.Length.ToString(CultureInfo.InvariantCulture)).Append(" beginbfchar\n");
            foreach (var cid in chunk)
            {
                cmap.Append('<').Append(cid.ToString("X4", CultureInfo.InvariantCulture)).Append("> <");
                foreach (var b in Encoding.BigEndianUnicode.GetBytes(subset.TextByCid[cid]))
                {
                    cmap.Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                cmap.Append(">\n");
            }

            cmap.Append("endbfchar\n");
        }

        cmap.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return Encoding.ASCII.GetBytes(cmap.ToString());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
