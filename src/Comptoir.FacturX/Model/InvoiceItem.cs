using Comptoir.Core.Invoicing;

namespace Comptoir.FacturX.Model;

/// <summary>One invoice line (BG-25).</summary>
public sealed record InvoiceItem
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public required decimal Quantity { get; init; }

    /// <summary>The API's unit ("hour", "day", ...) or already a UN/ECE Rec 20 code; see <see cref="UnitCodes"/>.</summary>
    public string? Unit { get; init; }

    public required decimal UnitPrice { get; init; }

    /// <summary>VAT rate as a fraction (0.20).</summary>
    public required decimal VatRate { get; init; }

    public VatCategory VatCategory { get; init; } = VatCategory.Standard;

    /// <summary>Exemption for zero-rated categories (BT-120/BT-121).</summary>
    public VatExemption? Exemption { get; init; }

    public LineDiscount? Discount { get; init; }

    internal InvoiceLine ToCalculatorLine() => new(Quantity, UnitPrice, VatRate, VatCategory, Discount);
}
