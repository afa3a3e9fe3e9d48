using Comptoir.Core.Invoicing;

namespace Comptoir.FacturX.Model;

/// <summary>Invoice (380) or credit note (381), BT-3.</summary>
public enum DocumentKind
{
    Invoice,
    CreditNote,
}

/// <summary>A credit note's amount: deducted from what the buyer owes, or refunded (the invoice was paid).</summary>
public enum CreditSettlement
{
    Deduct,
    Refund,
}

/// <summary>
/// An invoice as the Factur-X engine sees it: every business term the EN 16931 profile writes, and the texts the
/// PDF prints. Independent of the API's JSON; the server maps its client invoice onto it.
/// </summary>
public sealed record InvoiceDocument
{
    public DocumentKind Kind { get; init; } = DocumentKind.Invoice;

    /// <summary>BT-1. Null only for a draft, which has no number yet.</summary>
    public string? Number { get; init; }

    public required DateOnly IssueDate { get; init; }

    public DateOnly? DueDate { get; init; }

    public string Currency { get; init; } = "EUR";

    /// <summary>
    /// EUR per one unit of <see cref="Currency"/> for a foreign-currency invoice: the VAT total is then also stated in
    /// EUR (BT-6, BT-111), as BR-FR-CO-12 requires. Ignored for EUR invoices.
    /// </summary>
    public decimal? EuroExchangeRate { get; init; }

    /// <summary>BT-23 billing mode of the French reform: B1 goods, S1 services, M1 both.</summary>
    public string? BillingMode { get; init; }

    /// <summary>BT-10 buyer reference.</summary>
    public string? BuyerReference { get; init; }

    /// <summary>BT-13 purchase order reference.</summary>
    public string? PurchaseOrderReference { get; init; }

    /// <summary>BT-25/BT-26: the invoice a credit note corrects.</summary>
    public PrecedingInvoice? PrecedingInvoice { get; init; }

    /// <summary>What a credit note's amount is to the buyer: printed where an invoice asks for payment.</summary>
    public CreditSettlement CreditSettlement { get; init; } = CreditSettlement.Deduct;

    /// <summary>BT-20 payment terms text.</summary>
    public string? PaymentTerms { get; init; }

    /// <summary>BG-1 notes with their subject codes (PMT, PMD, AAB, ...).</summary>
    public IReadOnlyList<InvoiceNote> Notes { get; init; } = [];

    public required Party Seller { get; init; }

    public required Party Buyer { get; init; }

    /// <summary>BT-72 actual delivery (performance) date.</summary>
    public DateOnly? DeliveryDate { get; init; }

    /// <summary>BG-14 invoicing period (performance period).</summary>
    public DateOnly? PeriodStart { get; init; }

    public DateOnly? PeriodEnd { get; init; }

    /// <summary>BG-13 deliver-to address; intra-community supplies need at least its country.</summary>
    public PostalAddress? DeliverTo { get; init; }

    public PaymentInstructions? Payment { get; init; }

    public required IReadOnlyList<InvoiceItem> Lines { get; init; }

    /// <summary>BT-113 amount already paid.</summary>
    public decimal Prepaid { get; init; }

    /// <summary>Free text printed above the items.</summary>
    public string? Header { get; init; }

    /// <summary>Free text printed at the bottom of the last page.</summary>
    public string? Footer { get; init; }

    /// <summary>Terms and conditions printed after the totals (also written as a note).</summary>
    public string? TermsAndConditions { get; init; }

    /// <summary>Extra legal mentions printed on the PDF (share capital, RCS, ...).</summary>
    public IReadOnlyList<string> LegalMentions { get; init; } = [];

    /// <summary>BT-111: the VAT total in EUR of a foreign-currency invoice (null for EUR or without a rate).</summary>
    public decimal? VatTotalInEuro(InvoiceTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return Currency == "EUR" || EuroExchangeRate is not { } rate ? null : Comptoir.Core.Money.Rounding.ToCents(totals.TaxTotal * rate);
    }

    /// <summary>The totals, computed by <see cref="InvoiceCalculator"/> from the lines.</summary>
    public InvoiceTotals ComputeTotals() => InvoiceCalculator.Compute(Lines.Select(l => l.ToCalculatorLine()).ToArray(), Prepaid);
}

/// <summary>A note with its UNTDID 4451 subject code.</summary>
public sealed record InvoiceNote(string Text, string? SubjectCode = null);

/// <summary>BG-3: the invoice a credit note refers to.</summary>
public sealed record PrecedingInvoice(string Number, DateOnly? IssueDate);
