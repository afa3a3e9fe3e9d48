namespace Comptoir.Core.Invoicing;

/// <summary>How a line discount is expressed.</summary>
public enum DiscountKind
{
    /// <summary>A fraction of the line's gross amount: 0.1 is 10 %.</summary>
    Percentage,

    /// <summary>An amount in the invoice currency taken off the line.</summary>
    Absolute,
}

/// <summary>A discount on one invoice line (an EN 16931 line allowance, BG-27).</summary>
public sealed record LineDiscount(DiscountKind Kind, decimal Value);
