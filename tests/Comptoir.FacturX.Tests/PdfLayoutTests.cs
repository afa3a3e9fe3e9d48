using Comptoir.FacturX.Layout;
using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// The printed layout, measured on the rendered PDF with poppler: no two words overlap on the long-amount,
/// exemption, delivery, foreign-currency and ten-line invoices, and a ten-line invoice fits on one page. Set
/// COMPTOIR_LAYOUT_PNG to a folder to also get the PDFs and their page images (pdftoppm) to look at.
/// </summary>
public sealed class PdfLayoutTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-layout-").FullName;

    public static TheoryData<string> Cases => new(
        "large-amounts", "reform-ten-million", "reform-999-million", "reform-three-exemption-reasons", "exempt-mixed-with-standard",
        "reform-delivery-address", "reform-usd-invoice", "reform-ten-lines", "reform-293b-micro-entrepreneur", "both-discounts", "english-labels",
        "credit-note", "credit-note-partial", "credit-note-full");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public void No_two_words_overlap(string name)
    {
        var path = Render(name);

        var words = TextBoxes.Of(path);
        var overlapping = TextBoxes.Overlapping(words);

        Assert.NotEmpty(words);
        Assert.True(overlapping.Count == 0, string.Join("\n", overlapping.Take(10).Select(p => $"{p.First} overlaps {p.Second}")));
    }

    [Fact]
    public void A_ten_line_invoice_with_its_mentions_fits_on_one_page()
    {
        var path = Render("reform-ten-lines");

        Assert.Equal(1, TextBoxes.PageCount(path));
        var text = ExternalTool.Run("pdftotext", ["-layout", path, "-"]).Output;
        Assert.Contains("Hébergement", text, StringComparison.Ordinal);
        Assert.Contains("Option pour le paiement de la TVA d'après les débits", text, StringComparison.Ordinal);
        Assert.Contains("Pas d'escompte", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "BROUILLON", "DRAFT")]
    [InlineData("en", "DRAFT", "BROUILLON")]
    public void A_draft_says_so_in_its_language_and_prints_no_number(string language, string mark, string otherLanguagesMark)
    {
        var invoice = InvoiceCorpus.Get("single-line-20").Invoice;
        var path = Path.Combine(_directory, "draft-" + language + ".pdf");
        File.WriteAllBytes(path, new FacturXGenerator(FixedClock.Default).Generate(invoice, new InvoiceLayoutOptions { Draft = true, Language = language }).Pdf);

        var text = ExternalTool.Run("pdftotext", ["-layout", path, "-"]).Output;

        Assert.Contains(mark, text, StringComparison.Ordinal);
        // One language per document: a French draft reads "FACTURE - BROUILLON", not "BROUILLON - DRAFT".
        Assert.DoesNotContain(otherLanguagesMark, text, StringComparison.Ordinal);
        Assert.DoesNotContain(invoice.Number!, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_amounts_the_api_accepts_print_without_overlap()
    {
        // 749,000 x 99,999,999.99 less the discount, plus VAT and an exempt line: 89,880,085,176,197.31, just under the API's largest total.
        var invoice = InvoiceCorpus.Base("F-2026-000900",
            InvoiceCorpus.Item("Concession d'exploitation", 749_000m, 99_999_999.99m, 0.20m, "year") with
            {
                Discount = new Comptoir.Core.Invoicing.LineDiscount(Comptoir.Core.Invoicing.DiscountKind.Absolute, 12_345_678.90m),
            },
            InvoiceCorpus.Exempt("Formation", 99_999_999.99m, "S261_4")) with { Prepaid = 1_000_000_000m };
        var path = Path.Combine(_directory, "largest.pdf");
        // The layout alone: at these amounts the sum of the line nets breaks BR-CO-10 as the official rule computes
        // it, so the generator refuses to write the Factur-X file (and the API to finalize); the page is what is measured.
        var pdf = new Pdf.PdfDocumentBuilder();
        new InvoiceLayout(pdf, invoice, invoice.ComputeTotals(), new InvoiceLayoutOptions()).Draw();
        File.WriteAllBytes(path, pdf.Build(new Pdf.PdfDocumentInfo { Title = "t", Author = "a", Subject = "s", Created = FixedClock.Default.GetUtcNow(), Language = "fr-FR" }));
        SaveImages(path, "largest");

        var overlapping = TextBoxes.Overlapping(TextBoxes.Of(path));

        Assert.True(overlapping.Count == 0, string.Join("\n", overlapping.Take(10).Select(p => $"{p.First} overlaps {p.Second}")));
        Assert.Contains("89 880 085 176 197,31 €", ExternalTool.Run("pdftotext", ["-layout", path, "-"]).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_overlap_check_finds_words_drawn_over_one_another_in_a_real_pdf()
    {
        var pdf = new Pdf.PdfDocumentBuilder();
        var font = pdf.AddFont(Fonts.EmbeddedFonts.Regular);
        var page = pdf.AddPage();
        page.Text(100, 100, "Total TTC", font, 10);
        page.TextRight(160, 100, "1 200 003 799,88 €", font, 10);
        var path = Path.Combine(_directory, "overlap.pdf");
        File.WriteAllBytes(path, pdf.Build(new Pdf.PdfDocumentInfo { Title = "t", Author = "a", Subject = "s", Created = FixedClock.Default.GetUtcNow(), Language = "fr-FR" }));

        Assert.NotEmpty(TextBoxes.Overlapping(TextBoxes.Of(path)));
    }

    [Fact]
    public void The_overlap_check_sees_words_drawn_over_one_another()
    {
        var a = new WordBox(1, "Total", 100, 100, 140, 110);

        Assert.True(a.Overlaps(new WordBox(1, "999", 130, 101, 170, 111)));
        Assert.False(a.Overlaps(new WordBox(1, "999", 141, 100, 170, 110)));
        Assert.False(a.Overlaps(new WordBox(2, "999", 130, 101, 170, 111)));
    }

    private string Render(string name)
    {
        var corpusCase = InvoiceCorpus.Get(name);
        var result = new FacturXGenerator(FixedClock.Default).Generate(corpusCase.Invoice, new InvoiceLayoutOptions { Language = corpusCase.Language });
        var path = Path.Combine(_directory, name + ".pdf");
        File.WriteAllBytes(path, result.Pdf);
        SaveImages(path, name);
        return path;
    }

    private static void SaveImages(string path, string name)
    {
        if (Environment.GetEnvironmentVariable("COMPTOIR_LAYOUT_PNG") is { Length: > 0 } images)
        {
            Directory.CreateDirectory(images);
            // The PDF too, to render again at another resolution or open as it is.
            File.Copy(path, Path.Combine(images, name + ".pdf"), overwrite: true);
            ExternalTool.Run("pdftoppm", ["-png", "-r", "80", path, Path.Combine(images, name)]);
        }
    }
}
