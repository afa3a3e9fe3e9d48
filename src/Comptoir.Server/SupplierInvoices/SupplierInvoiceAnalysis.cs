using Comptoir.Core.Money;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Reading.Text;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// Reads a supplier invoice's file: an e-invoice (a Factur-X / ZUGFeRD / XRechnung PDF's embedded XML, CII XML, UBL
/// Invoice or CreditNote) exactly, with the EN 16931 rules it breaks (<see cref="SupplierInvoiceDiscrepancies"/>); a
/// PDF without XML from its text layer; an image or a scanned PDF (no text layer) by OCR when Tesseract is installed
/// (<see cref="SupplierInvoiceTextAnalysis"/>). A file none of these can read gives
/// <see cref="SupplierInvoiceExtraction.Nothing"/>: its fields stay empty for someone to fill in.
/// </summary>
public static class SupplierInvoiceAnalysis
{
    /// <summary>UNTDID 1001 codes of credit notes (BT-3) that EN 16931 allows.</summary>
    private static readonly HashSet<string> CreditNoteCodes = ["81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"];

    /// <summary>
    /// Every path: e-invoice, text layer, then OCR with <paramref name="ocr"/> (none when null: an image or a scanned PDF
    /// then keeps empty fields). The CPU-bound part runs through <paramref name="runCpu"/> (the server's low-priority
    /// thread); OCR runs in its own process, bounded in time and memory.
    /// </summary>
    public static async Task<SupplierInvoiceExtraction> ExtractAsync(byte[] content, TesseractOcr? ocr, Func<Func<SupplierInvoiceExtraction>, Task<SupplierInvoiceExtraction>> runCpu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(runCpu);
        var found = await runCpu(() => Extract(content)).ConfigureAwait(false);
        if (!ReferenceEquals(found, SupplierInvoiceExtraction.Nothing) || ocr is null)
        {
            return found;
        }

        try
        {
            var lines = SupplierInvoiceFileKind.MediaType(content) switch
            {
                "application/pdf" => await ocr.ReadScannedPdfAsync(content, cancellationToken).ConfigureAwait(false),
                "image/png" => await ocr.ReadImageAsync(content, ".png", cancellationToken).ConfigureAwait(false),
                "image/jpeg" => await ocr.ReadImageAsync(content, ".jpg", cancellationToken).ConfigureAwait(false),
                _ => [],
            };
            return await runCpu(() => SupplierInvoiceTextAnalysis.From(lines)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or TimeoutException)
        {
            return SupplierInvoiceExtraction.Nothing; // an image OCR cannot read in time, or at all: a person reads it
        }
    }

    /// <summary>The paths that need no external program: e-invoices, and PDFs with a text layer.</summary>
    public static SupplierInvoiceExtraction Extract(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            return SupplierInvoiceFileKind.MediaType(content) switch
            {
                "application/pdf" => PdfAttachments.FindInvoiceXml(content) is { } xml ? FromXml(xml.Content, pdf: true) : SupplierInvoiceTextAnalysis.From(PdfTextLayer.Read(content)),
                "application/xml" => FromXml(content, pdf: false),
                _ => SupplierInvoiceExtraction.Nothing,
            };
        }
        catch (InvalidDataException)
        {
            return SupplierInvoiceExtraction.Nothing; // a damaged or encrypted file: a person reads it
        }
    }

    private static SupplierInvoiceExtraction FromXml(byte[] xml, bool pdf)
    {
        var ubl = UblReader.IsUbl(xml);
        var invoice = ubl ? UblReader.Read(xml) : CiiReader.Read(xml);
        return From(invoice, pdf ? "factur_x" : ubl ? "ubl" : "cii", SupplierInvoiceDiscrepancies.Find(invoice, xml, ubl));
    }

    /// <summary>The fields of an e-invoice as the API shows them, with what it contradicts (<see cref="SupplierInvoiceDiscrepancies"/>).</summary>
    public static SupplierInvoiceExtraction From(CiiInvoice invoice, string type, IReadOnlyList<Discrepancy> discrepancies)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(discrepancies);
        var totals = invoice.Totals;
        return new SupplierInvoiceExtraction
        {
            IsEinvoice = true,
            EInvoiceType = type,
            InvoiceNumber = Blank(invoice.Number),
            SupplierName = Blank(invoice.Seller.Name),
            VatNumber = Blank(invoice.Seller.VatNumber),
            Tin = Blank(invoice.Seller.LegalId),
            Currency = Blank(invoice.Currency),
            TotalAmountCents = Cents(totals.GrandTotal),
            TotalAmountExcludingTaxesCents = Cents(totals.TaxBasis),
            TotalTaxAmountCents = Cents(totals.TaxTotal),
            PayableAmountCents = Cents(totals.DuePayable),
            Taxes = [.. invoice.VatBreakdown.Where(r => r.RatePercent is not null && Cents(r.Tax) is not null).Select(r => new ExtractedTax(r.RatePercent!.Value, Cents(r.Tax)!.Value))],
            IssueDate = invoice.IssueDate,
            DueDate = invoice.DueDate,
            Iban = Blank(invoice.Payment?.Iban)?.Replace(" ", string.Empty, StringComparison.Ordinal),
            IsCreditNote = CreditNoteCodes.Contains(invoice.TypeCode),
            Discrepancies = discrepancies,
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>An amount in cents; null when absent or beyond 64-bit cents. EN 16931 amounts have at most 2 decimals.</summary>
    private static long? Cents(decimal? amount) =>
        amount is { } value && Math.Abs(value) <= Rounding.MaxCentsAmount ? Rounding.ToCentsInteger(Rounding.ToCents(value)) : null;
}
