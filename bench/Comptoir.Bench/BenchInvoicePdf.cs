using System.Globalization;
using System.Text;

namespace Comptoir.Bench;

/// <summary>
/// A one-page supplier invoice PDF with a text layer (Helvetica, the labels the field finder reads) and a binary
/// stream that brings it to a given size, as a logo or a scanned annex would: built by concatenation, so a load
/// generator can make a distinct file (its own invoice number) per upload without spending the CPU it measures.
/// </summary>
public static class BenchInvoicePdf
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>Incompressible filler, made once: every file carries the same bytes.</summary>
    private static readonly byte[] Filler = RandomBytes(512 * 1024);

    public static byte[] Create(string number, int totalBytes)
    {
        var content = Latin1.GetBytes(string.Join('\n',
            "BT /F1 12 Tf 50 790 Td (Fournitures Durand SARL) Tj",
            "0 -16 Td (12 rue des Lilas, 69003 Lyon) Tj",
            "0 -16 Td (TVA intracommunautaire : FR32123456789) Tj",
            $"0 -32 Td (Facture n\\260 {number}) Tj",
            "0 -16 Td (Date : 01/03/2026) Tj",
            "0 -16 Td (Date d'\\351ch\\351ance : 30/04/2026) Tj",
            "0 -32 Td (Total HT : 1 000,00 EUR) Tj",
            "0 -16 Td (TVA 20 % : 200,00 EUR) Tj",
            "0 -16 Td (Total TTC : 1 200,00 EUR) Tj",
            "0 -32 Td (IBAN : FR76 3000 6000 0112 3456 7890 189) Tj ET"));

        using var pdf = new MemoryStream(totalBytes + 1024);
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Latin1.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        void Stream(ReadOnlySpan<byte> bytes)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n<< /Length {bytes.Length} >>\nstream\n");
            pdf.Write(bytes);
            Write("\nendstream\nendobj\n");
        }

        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        Stream(content);
        // What is left to reach the size, less the filler object's own framing and the cross-reference table.
        var padding = Math.Clamp(totalBytes - (int)pdf.Position - 250, 0, Filler.Length);
        Stream(Filler.AsSpan(0, padding));

        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write(offset.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        }

        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20260301).NextBytes(bytes);
        return bytes;
    }
}
