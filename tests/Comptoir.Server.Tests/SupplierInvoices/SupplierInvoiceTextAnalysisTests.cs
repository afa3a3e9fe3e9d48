using System.Net;
using System.Text.Json;
using Comptoir.FacturX.Reading.Text;
using Comptoir.Server.SupplierInvoices;
using Comptoir.Server.Tests.Support;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceLifecycleTests;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>
/// Supplier invoices that are no e-invoice, through the API: a PDF's text layer, an image and a scanned PDF by OCR,
/// read into the invoice's fields after the analysis job (documents of tests/corpus/supplier-invoices).
/// </summary>
public sealed class SupplierInvoiceTextAnalysisTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_pdf_without_xml_is_read_from_its_text_layer_and_a_second_copy_is_a_duplicate(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var (pdf, expected) = Corpus("lo-01-fr-classic");
        var ids = await UploadAsync(server, (pdf, "facture-moreau.pdf"), (pdf, "facture-moreau-encore.pdf"));
        await Seeds.WaitForJobsAsync(server.Database);

        var invoice = await GetAsync(server, ids[0]);
        AssertFields(expected, invoice);
        Assert.False(invoice.GetProperty("is_einvoice").GetBoolean());
        Assert.Equal(JsonValueKind.Null, invoice.GetProperty("e_invoice_type").ValueKind);
        Assert.Equal("to_review", invoice.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, invoice.GetProperty("analyzed_at").ValueKind);
        // The same supplier's same number twice: both are marked.
        Assert.True(invoice.GetProperty("has_duplicates").GetBoolean());
        Assert.True((await GetAsync(server, ids[1])).GetProperty("has_duplicates").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_image_and_a_scanned_pdf_are_read_by_ocr_when_tesseract_is_installed(string engine)
    {
        if (TesseractOcr.Installed is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return; // a developer's machine without tesseract; CI installs it and runs this
        }

        await using var server = await RunningServer.StartAsync(engine);
        var (png, pngExpected) = Corpus("img-01-lo-01-fr-classic", ".png");
        var (scan, scanExpected) = Corpus("img-03-lo-03-fr-labelled-parties", ".pdf");
        var ids = await UploadAsync(server, (png, "photo.png"), (scan, "scan.pdf"));
        await Seeds.WaitForJobsAsync(server.Database);

        var image = await GetAsync(server, ids[0]);
        Assert.Equal(pngExpected["invoice_number"], image.GetProperty("invoice_number").GetString());
        Assert.Equal(pngExpected["total_amount"], image.GetProperty("total_amount").GetProperty("value").GetString());
        Assert.False(image.GetProperty("is_einvoice").GetBoolean());
        var scanned = await GetAsync(server, ids[1]);
        Assert.Equal(scanExpected["invoice_number"], scanned.GetProperty("invoice_number").GetString());
        Assert.Equal(scanExpected["total_amount"], scanned.GetProperty("total_amount").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Without_ocr_an_image_keeps_empty_fields()
    {
        var (png, _) = Corpus("img-01-lo-01-fr-classic", ".png");
        var found = await SupplierInvoiceAnalysis.ExtractAsync(png, ocr: null, work => Task.FromResult(work()), CancellationToken.None);
        Assert.Same(SupplierInvoiceExtraction.Nothing, found);
    }

    [Fact]
    public void A_text_pdf_needs_no_ocr()
    {
        var (pdf, expected) = Corpus("lo-06-en-us-dates");
        var found = SupplierInvoiceAnalysis.Extract(pdf);
        Assert.False(found.IsEinvoice);
        Assert.Null(found.EInvoiceType);
        Assert.Equal(expected["invoice_number"], found.InvoiceNumber);
        Assert.Equal(expected["iban"], found.Iban);
    }

    private static void AssertFields(Dictionary<string, string?> expected, JsonElement invoice)
    {
        foreach (var field in new[] { "supplier_name", "invoice_number", "issue_date", "due_date", "iban", "tin", "vat_number" })
        {
            Assert.Equal(expected[field], invoice.GetProperty(field).GetString());
        }

        foreach (var field in new[] { "total_amount", "total_tax_amount", "total_amount_excluding_taxes", "payable_amount" })
        {
            Assert.Equal(expected[field], invoice.GetProperty(field).GetProperty("value").GetString());
            Assert.Equal("EUR", invoice.GetProperty(field).GetProperty("currency").GetString());
        }
    }

    private static async Task<JsonElement> GetAsync(RunningServer server, string id) =>
        (await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{id}"), HttpStatusCode.OK)).GetProperty("supplier_invoice");

    private static (byte[] Content, Dictionary<string, string?> Expected) Corpus(string name, string extension = ".pdf")
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Comptoir.slnx")))
        {
            directory = directory.Parent;
        }

        var corpus = Path.Combine(directory!.FullName, "tests", "corpus", "supplier-invoices");
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(corpus, name + ".json")));
        var expected = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null);
        return (File.ReadAllBytes(Path.Combine(corpus, name + extension)), expected);
    }
}
