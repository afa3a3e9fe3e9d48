namespace Comptoir.Core.Invoicing;

/// <summary>What the totals depend on for one invoice line.</summary>
/// <param name="Quantity">Invoiced quantity (BT-129); may be negative for a correction line.</param>
/// <param name="UnitPrice">Net unit price before the line discount (BT-146 when there is no discount).</param>
/// <param name="VatRate">VAT rate as a fraction: 0.20 for 20 %, 0.055 for 5.5 %.</param>
/// <param name="Category">EN 16931 VAT category of the line.</param>
/// <param name="Discount">Optional line discount.</param>
public sealed record InvoiceLine(decimal Quantity, decimal UnitPrice, decimal VatRate, VatCategory Category, LineDiscount? Discount = null);
