using System.Diagnostics;
using System.Text;
using Comptoir.FacturX;
using Comptoir.FacturX.Reading.Text;
using Comptoir.Server.SupplierInvoices;

namespace Comptoir.Bench;

/// <summary>
/// `supplier-analysis [SECONDS]`: supplier invoices analysed per second on one thread (so per core), as the analysis
/// job reads them: a Factur-X PDF (10 lines, embedded XML) and a UBL invoice (both read and checked by the EN 16931
/// validator), the text PDFs of tests/corpus/supplier-invoices (PdfPig + field finder, round robin), and, when
/// Tesseract is installed, the corpus images by OCR (Tesseract is limited to one thread, as in the server).
/// </summary>
public static class SupplierAnalysisBenchmark
{
    public static async Task<int> RunAsync(double seconds)
    {
        var corpus = Path.Combine(Root(), "tests", "corpus", "supplier-invoices");
        var facturX = new FacturXGenerator(TimeProvider.System).Generate(FacturXBenchmarks.Invoice(10)).Pdf;
        var textPdfs = Directory.GetFiles(corpus, "lo-*.pdf").Concat(Directory.GetFiles(corpus, "fx-*.pdf")).Concat(Directory.GetFiles(corpus, "pdfpig-*.pdf"))
            .Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Console.WriteLine($"| what | documents | per second, one core | mean per document |");
        Console.WriteLine($"|---|---:|---:|---:|");
        Measure("Factur-X PDF, 10 lines (XML extracted, read and validated)", [facturX], seconds);
        Measure("UBL 2.1 invoice (XML read and validated)", [Ubl()], seconds);
        Measure($"PDF text layer + field finder ({textPdfs.Count} corpus PDFs)", textPdfs, seconds);
        if (TesseractOcr.Installed is { } ocr)
        {
            var images = Directory.GetFiles(corpus, "img-*.png").Order(StringComparer.Ordinal).Take(3).Select(File.ReadAllBytes).ToList();
            var watch = Stopwatch.StartNew();
            foreach (var image in images)
            {
                var found = await SupplierInvoiceAnalysis.ExtractAsync(image, ocr, work => Task.FromResult(work()), CancellationToken.None);
                GC.KeepAlive(found);
            }

            Print($"PNG page at 150 dpi, OCR (Tesseract fra+eng, 1 thread) + field finder", images.Count, watch.Elapsed);
        }

        return 0;
    }

    private static void Measure(string what, IReadOnlyList<byte[]> documents, double seconds)
    {
        foreach (var document in documents)
        {
            SupplierInvoiceAnalysis.Extract(document); // warm-up: JIT and PdfPig's font caches
        }

        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            GC.KeepAlive(SupplierInvoiceAnalysis.Extract(documents[count % documents.Count]));
            count++;
        }

        Print(what, count, watch.Elapsed);
    }

    private static void Print(string what, int count, TimeSpan elapsed) =>
        Console.WriteLine($"| {what} | {count} | {count / elapsed.TotalSeconds:0.0} | {elapsed.TotalMilliseconds / count:0.00} ms |");

    private static byte[] Ubl() => Encoding.UTF8.GetBytes("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID><cbc:ID>FA-1</cbc:ID><cbc:IssueDate>2026-03-01</cbc:IssueDate><cbc:DueDate>2026-04-30</cbc:DueDate>
          <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
          <cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
            <cac:PartyTaxScheme><cbc:CompanyID>FR32123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
            <cac:PartyLegalEntity><cbc:RegistrationName>Fournitures Durand SARL</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
          <cac:AccountingCustomerParty><cac:Party><cac:PostalAddress><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
            <cac:PartyLegalEntity><cbc:RegistrationName>Demo SAS</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
          <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">20.00</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">100.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">20.00</cbc:TaxAmount>
            <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
          <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
            <cbc:TaxInclusiveAmount currencyID="EUR">120.00</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">120.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
          <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
            <cac:Item><cbc:Name>Papeterie</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="EUR">100.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
        </Invoice>
        """);

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Comptoir.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Comptoir.slnx not found.");
    }
}
