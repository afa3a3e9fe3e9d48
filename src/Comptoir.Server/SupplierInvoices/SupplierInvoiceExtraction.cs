namespace Comptoir.Server.SupplierInvoices;

/// <summary>One row of the VAT breakdown: the rate in percent (20 for 20 %) and the tax in cents.</summary>
public sealed record ExtractedTax(decimal RatePercent, long TaxCents);

/// <summary>
/// Something the invoice's own figures or rules contradict: an EN 16931 rule id and a sentence, and, when the native
/// validator found it, where in the XML it broke and the business term (BT-xx / BG-xx) the rule is about.
/// </summary>
public sealed record Discrepancy(string Rule, string Message, string? Location = null, string? Field = null);

/// <summary>What the analysis read from a supplier invoice's file; every field null when it found nothing.</summary>
public sealed record SupplierInvoiceExtraction
{
    public static readonly SupplierInvoiceExtraction Nothing = new();

    public bool IsEinvoice { get; init; }

    /// <summary>factur_x (a PDF with its XML), cii or ubl; null for a file that is not an e-invoice.</summary>
    public string? EInvoiceType { get; init; }

    public string? InvoiceNumber { get; init; }
    public string? SupplierName { get; init; }
    public string? VatNumber { get; init; }

    /// <summary>The supplier's legal registration number (a SIREN in France).</summary>
    public string? Tin { get; init; }

    public string? Currency { get; init; }
    public long? TotalAmountCents { get; init; }
    public long? TotalAmountExcludingTaxesCents { get; init; }
    public long? TotalTaxAmountCents { get; init; }
    public long? PayableAmountCents { get; init; }
    public IReadOnlyList<ExtractedTax> Taxes { get; init; } = [];
    public DateOnly? IssueDate { get; init; }
    public DateOnly? DueDate { get; init; }
    public string? Iban { get; init; }
    public bool IsCreditNote { get; init; }
    public IReadOnlyList<Discrepancy> Discrepancies { get; init; } = [];
}
