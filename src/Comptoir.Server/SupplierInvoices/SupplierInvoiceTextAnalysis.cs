using Comptoir.Core.Money;
using Comptoir.FacturX.Reading.Text;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// The fields of a supplier invoice that is no e-invoice, read from its text (a PDF's text layer, or OCR of an image
/// or a scanned PDF) by <see cref="InvoiceFieldFinder"/>: best effort, so <c>is_einvoice</c> stays false, and a person
/// checks them while the invoice is to_review.
/// </summary>
public static class SupplierInvoiceTextAnalysis
{
    public static SupplierInvoiceExtraction From(IReadOnlyList<TextLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return SupplierInvoiceExtraction.Nothing;
        }

        var found = InvoiceFieldFinder.Find(lines);
        return new SupplierInvoiceExtraction
        {
            IsEinvoice = false,
            EInvoiceType = null,
            InvoiceNumber = found.InvoiceNumber,
            SupplierName = found.SupplierName,
            VatNumber = found.VatNumber,
            Tin = found.Siren,
            Currency = found.Currency ?? (found.TotalIncludingVat is null ? null : "EUR"),
            TotalAmountCents = Cents(found.TotalIncludingVat),
            TotalAmountExcludingTaxesCents = Cents(found.TotalExcludingVat),
            TotalTaxAmountCents = Cents(found.VatAmount),
            PayableAmountCents = Cents(found.AmountDue),
            IssueDate = found.IssueDate,
            DueDate = found.DueDate,
            Iban = found.Iban,
            IsCreditNote = found.IsCreditNote,
        };
    }

    /// <summary>An amount in cents; null when absent or beyond 64-bit cents (a misread, not an invoice).</summary>
    private static long? Cents(decimal? amount) =>
        amount is { } value && Math.Abs(value) <= Rounding.MaxCentsAmount ? Rounding.ToCentsInteger(Rounding.ToCents(value)) : null;
}
