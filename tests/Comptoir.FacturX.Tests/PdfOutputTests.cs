using System.Text;
using Comptoir.FacturX.Fonts;
using Comptoir.FacturX.Layout;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests;

public sealed class PdfOutputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-pdf-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Save(string name, byte[] pdf)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    private static string TextOf(string path)
    {
        var run = ExternalTool.Run("pdftotext", ["-layout", path, "-"]);
        Assert.Equal(0, run.ExitCode);
        return run.Output;
    }

    [Fact]
    public void Same_invoice_and_clock_give_identical_bytes_and_another_clock_does_not()
    {
        var invoice = InvoiceCorpus.Get("mixed-rates").Invoice;

        var first = new FacturXGenerator(FixedClock.Default).Generate(invoice).Pdf;
        var second = new FacturXGenerator(FixedClock.Default).Generate(invoice).Pdf;
        var later = new FacturXGenerator(new FixedClock(FixedClock.Default.GetUtcNow().AddSeconds(1))).Generate(invoice).Pdf;

        Assert.Equal(first, second);
        Assert.NotEqual(first, later);
    }

    [Fact]
    public void Text_is_extractable_with_number_client_totals_accents_and_euro()
    {
        var path = Save("text.pdf", new FacturXGenerator(FixedClock.Default).Generate(InvoiceCorpus.Get("single-line-20").Invoice).Pdf);

        var text = TextOf(path);

        Assert.Contains("F-2026-000001", text, StringComparison.Ordinal);
        Assert.Contains("Acme Corp", text, StringComparison.Ordinal);
        Assert.Contains("1 500,00 €", text, StringComparison.Ordinal);
        Assert.Contains("300,00 €", text, StringComparison.Ordinal);
        Assert.Contains("1 800,00 €", text, StringComparison.Ordinal);
        Assert.Contains("Date d'émission", text, StringComparison.Ordinal);
        Assert.Contains("Consulting Services — March 2026", text, StringComparison.Ordinal);
        Assert.Contains("FR76 1695 8000 0145 2718 1398 763", text, StringComparison.Ordinal);
        Assert.Contains("indemnité forfaitaire", text, StringComparison.Ordinal);
    }

    [Fact]
    public void English_labels_follow_the_language_option()
    {
        var result = new FacturXGenerator(FixedClock.Default).Generate(InvoiceCorpus.Get("english-labels").Invoice, new InvoiceLayoutOptions { Language = "en" });

        var text = TextOf(Save("en.pdf", result.Pdf));

        Assert.Contains("INVOICE", text, StringComparison.Ordinal);
        Assert.Contains("Total incl. VAT", text, StringComparison.Ordinal);
        Assert.Contains("€432.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_says_DRAFT_and_carries_no_xml()
    {
        var invoice = InvoiceCorpus.Get("single-line-20").Invoice with { Number = null };

        // In English: a French draft says BROUILLON only.
        var result = new FacturXGenerator(FixedClock.Default).Generate(invoice, new InvoiceLayoutOptions { Language = "en" });
        var path = Save("draft.pdf", result.Pdf);

        Assert.Null(result.Xml);
        Assert.Empty(PdfAttachments.List(result.Pdf));
        Assert.Contains("DRAFT", TextOf(path), StringComparison.Ordinal);
        Assert.DoesNotContain("fx:ConformanceLevel", Encoding.Latin1.GetString(result.Pdf), StringComparison.Ordinal);
        Assert.Equal(0, ExternalTool.Run("qpdf", ["--check", path]).ExitCode);
    }

    [Fact]
    public void A_numbered_invoice_can_still_be_printed_as_a_draft()
    {
        var result = new FacturXGenerator(FixedClock.Default).Generate(InvoiceCorpus.Get("single-line-20").Invoice, new InvoiceLayoutOptions { Draft = true, Language = "en" });

        Assert.Null(result.Xml);
        Assert.Contains("DRAFT", TextOf(Save("draft2.pdf", result.Pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_invoices_break_pages_repeat_the_table_header_and_number_pages()
    {
        var result = new FacturXGenerator(FixedClock.Default).Generate(InvoiceCorpus.Get("two-hundred-fifty-lines").Invoice);
        var path = Save("long.pdf", result.Pdf);

        Assert.True(result.PageCount > 3, $"{result.PageCount} pages");
        var pages = Enumerable.Range(1, result.PageCount)
            .Select(n => ExternalTool.Run("pdftotext", ["-layout", "-f", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", n.ToString(System.Globalization.CultureInfo.InvariantCulture), path, "-"]).Output)
            .ToList();
        for (var n = 1; n <= pages.Count; n++)
        {
            Assert.Contains($"Page {n} / {result.PageCount}", pages[n - 1], StringComparison.Ordinal);
        }

        Assert.All(pages.Take(pages.Count - 1), page => Assert.Contains("Désignation", page, StringComparison.Ordinal));
        Assert.Contains("Ligne 1 — prestation", pages[0], StringComparison.Ordinal);
        Assert.Contains("Ligne 250 — prestation", string.Concat(pages), StringComparison.Ordinal);
        Assert.Contains("Total TTC", pages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_ten_line_invoice_stays_under_60_KB()
    {
        var lines = Enumerable.Range(1, 10).Select(i => InvoiceCorpus.Item($"Prestation {i}", i, 100m + i, 0.20m)).ToArray();

        var pdf = new FacturXGenerator(FixedClock.Default).Generate(InvoiceCorpus.Base("F-2026-000100", lines)).Pdf;

        Assert.True(pdf.Length <= 60 * 1024, $"{pdf.Length} bytes");
    }

    [Fact]
    public void Characters_the_font_lacks_become_question_marks_not_garbage()
    {
        var path = Save("hostile.pdf", new FacturXGenerator(FixedClock.Default).Generate(InvoiceCorpus.Get("hostile-strings").Invoice).Pdf);

        var text = TextOf(path);

        Assert.Contains("<script>alert('x')</script>", text, StringComparison.Ordinal);
        Assert.Contains("Acme & Co <Ltd>", text, StringComparison.Ordinal);
        Assert.Contains("emoji ?", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_font_subsets_are_valid_truetype_with_every_used_glyph()
    {
        var pdf = new FacturXGenerator(FixedClock.Default).Generate(InvoiceCorpus.Get("long-accented-texts").Invoice).Pdf;
        var file = PdfFile.Open(pdf);

        var programs = file.Objects.OfType<PdfStream>().Where(s => s.Dictionary["Length1"] is not null).ToList();

        Assert.Equal(2, programs.Count);
        foreach (var program in programs)
        {
            var font = TrueTypeFont.Parse(file.Decode(program));
            Assert.InRange(font.GlyphCount, 20, 400);
            Assert.Equal(EmbeddedFonts.Regular.UnitsPerEm, font.UnitsPerEm);
        }
    }

    [Fact]
    public void Subsetting_keeps_composite_glyph_components()
    {
        var subset = new FontSubset(EmbeddedFonts.Regular);
        var hex = new StringBuilder();
        subset.Encode("éÉœ€", hex);

        var font = TrueTypeFont.Parse(TrueTypeSubsetter.Subset(subset));

        // Accented letters are composites in DejaVu: their base letter and accent come along.
        Assert.True(font.GlyphCount > subset.Count, $"{font.GlyphCount} glyphs for {subset.Count} CIDs");
        for (var cid = 1; cid < subset.Count; cid++)
        {
            Assert.Equal(EmbeddedFonts.Regular.Advance(subset.GlyphByCid[cid]), font.Advance(cid));
        }
    }
}
