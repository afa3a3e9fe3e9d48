namespace Comptoir.Core.Invoicing;

/// <summary>EN 16931 VAT category codes (UNTDID 5305 subset) used by French invoices.</summary>
public enum VatCategory
{
    /// <summary>S: standard rated (any rate above zero).</summary>
    Standard,

    /// <summary>Z: zero rated goods.</summary>
    ZeroRated,

    /// <summary>E: exempt from VAT; an exemption reason is mandatory.</summary>
    Exempt,

    /// <summary>AE: VAT reverse charge (autoliquidation).</summary>
    ReverseCharge,

    /// <summary>K: intra-community supply of goods or services.</summary>
    IntraCommunity,

    /// <summary>G: export outside the EU.</summary>
    Export,

    /// <summary>O: services outside the scope of VAT.</summary>
    NotSubject,
}

/// <summary>Code conversions for <see cref="VatCategory"/>.</summary>
public static class VatCategoryCodes
{
    /// <summary>The UNTDID 5305 code written in the CII XML.</summary>
    public static string ToCode(this VatCategory category) => category switch
    {
        VatCategory.Standard => "S",
        VatCategory.ZeroRated => "Z",
        VatCategory.Exempt => "E",
        VatCategory.ReverseCharge => "AE",
        VatCategory.IntraCommunity => "K",
        VatCategory.Export => "G",
        VatCategory.NotSubject => "O",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>Parses a UNTDID 5305 code; unknown codes give false.</summary>
    public static bool TryParse(string? code, out VatCategory category)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case "S": category = VatCategory.Standard; return true;
            case "Z": category = VatCategory.ZeroRated; return true;
            case "E": category = VatCategory.Exempt; return true;
            case "AE": category = VatCategory.ReverseCharge; return true;
            case "K": category = VatCategory.IntraCommunity; return true;
            case "G": category = VatCategory.Export; return true;
            case "O": category = VatCategory.NotSubject; return true;
            default: category = VatCategory.Standard; return false;
        }
    }

    /// <summary>Categories whose rate must be zero.</summary>
    public static bool IsZeroRate(this VatCategory category) => category != VatCategory.Standard;

    /// <summary>Categories that need an exemption reason (code or text) in EN 16931.</summary>
    public static bool RequiresExemptionReason(this VatCategory category) =>
        category is VatCategory.Exempt or VatCategory.ReverseCharge or VatCategory.IntraCommunity or VatCategory.Export or VatCategory.NotSubject;
}
