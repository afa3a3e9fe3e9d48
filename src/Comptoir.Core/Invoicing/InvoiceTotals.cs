namespace Comptoir.Core.Invoicing;

/// <summary>The computed amounts of one line.</summary>
/// <param name="Gross">Quantity x unit price, rounded to cents.</param>
/// <param name="DiscountAmount">The line allowance (BT-136), rounded to cents, never negative.</param>
/// <param name="Net">Gross minus discount: the line net amount (BT-131).</param>
/// <param name="Vat">The line's own VAT (net x rate, rounded); informative only, the invoice VAT is per category.</param>
/// <param name="Total">Net plus the line's VAT.</param>
public sealed record LineAmounts(decimal Gross, decimal DiscountAmount, decimal Net, decimal Vat, decimal Total);

/// <summary>One row of the VAT breakdown (BG-23): a category and rate with its basis and tax.</summary>
public sealed record VatBreakdownRow(VatCategory Category, decimal Rate, decimal TaxableAmount, decimal TaxAmount);

/// <summary>Document totals (BG-22) exactly as EN 16931 computes them.</summary>
/// <param name="Lines">Per-line amounts, in input order.</param>
/// <param name="VatBreakdown">One row per (category, rate), in order of first appearance.</param>
/// <param name="LineTotal">Sum of line nets (BT-106).</param>
/// <param name="TaxBasis">Invoice total without VAT (BT-109); equals the line total (no document-level allowances).</param>
/// <param name="TaxTotal">Sum of the breakdown's VAT (BT-110).</param>
/// <param name="GrandTotal">Basis plus VAT (BT-112).</param>
/// <param name="Prepaid">Amount already paid (BT-113).</param>
/// <param name="DuePayable">Grand total minus prepaid (BT-115).</param>
public sealed record InvoiceTotals(
    IReadOnlyList<LineAmounts> Lines,
    IReadOnlyList<VatBreakdownRow> VatBreakdown,
    decimal LineTotal,
    decimal TaxBasis,
    decimal TaxTotal,
    decimal GrandTotal,
    decimal Prepaid,
    decimal DuePayable);
