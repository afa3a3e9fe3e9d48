using Comptoir.FacturX.Model;

namespace Comptoir.FacturX.Reading;

/// <summary>An invoice as read from CII XML: what the document states, including totals, which may be wrong.</summary>
public sealed record CiiInvoice
{
    /// <summary>BT-24 specification identifier (profile URN).</summary>
    public string? Guideline { get; init; }

    /// <summary>BT-23 business process type (French billing mode).</summary>
    public string? BusinessProcess { get; init; }

    public required string Number { get; init; }

    /// <summary>BT-3 type code (380 invoice, 381 credit note, ...).</summary>
    public required string TypeCode { get; init; }

    public DateOnly? IssueDate { get; init; }

    public DateOnly? DueDate { get; init; }

    public string? Currency { get; init; }

    public string? BuyerReference { get; init; }

    public string? PurchaseOrderReference { get; init; }

    public string? PaymentTerms { get; init; }

    public IReadOnlyList<InvoiceNote> Notes { get; init; } = [];

    public required Party Seller { get; init; }

    public Party? Buyer { get; init; }

    public PaymentInstructions? Payment { get; init; }

    public IReadOnlyList<CiiLine> Lines { get; init; } = [];

    public IReadOnlyList<CiiVatRow> VatBreakdown { get; init; } = [];

    public required CiiTotals Totals { get; init; }

    /// <summary>The profile's short name, derived from <see cref="Guideline"/> (MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED, XRECHNUNG).</summary>
    public string Profile => FacturXProfiles.NameOf(Guideline);
}

/// <summary>One line as stated (BG-25).</summary>
/// <param name="Allowances">Sum of the line allowances (BG-27), zero when none.</param>
/// <param name="Charges">Sum of the line charges (BG-28), zero when none.</param>
public sealed record CiiLine(string Id, string Name, string? Description, decimal? Quantity, string? UnitCode, decimal? NetPrice, decimal? BaseQuantity, decimal? LineTotal, string? CategoryCode, decimal? RatePercent, decimal Allowances = 0m, decimal Charges = 0m);

/// <summary>One VAT breakdown row as stated (BG-23); the rate is a percentage (20 for 20 %).</summary>
public sealed record CiiVatRow(string? CategoryCode, decimal? RatePercent, decimal? Basis, decimal? Tax, string? ExemptionReason, string? ExemptionReasonCode);

/// <summary>Document totals as stated (BG-22).</summary>
public sealed record CiiTotals(decimal? LineTotal, decimal? ChargeTotal, decimal? AllowanceTotal, decimal? TaxBasis, decimal? TaxTotal, decimal? GrandTotal, decimal? Rounding, decimal? Prepaid, decimal? DuePayable);
