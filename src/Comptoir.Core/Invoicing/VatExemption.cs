namespace Comptoir.Core.Invoicing;

/// <summary>One VAT exemption reason the API accepts in <c>vat_exemption_reason</c>, and what it means in EN 16931.</summary>
/// <param name="Code">The API code (e.g. <c>S293B</c>).</param>
/// <param name="Category">The EN 16931 VAT category it implies.</param>
/// <param name="VatexCode">The CEF VATEX code written as BT-121.</param>
/// <param name="Text">The legal mention written as BT-120 and printed on the PDF.</param>
public sealed record VatExemption(string Code, VatCategory Category, string VatexCode, string Text);

/// <summary>
/// The exemption reasons of French invoicing (CGI articles), with their EN 16931 category and VATEX code.
/// A zero rate without a reason is zero-rated (Z); a reason picks the category, so the API needs no extra field.
/// </summary>
public static class VatExemptions
{
    private static readonly VatExemption[] All =
    [
        new("S293B", VatCategory.Exempt, "VATEX-FR-FRANCHISE", "TVA non applicable, art. 293 B du CGI"),
        new("S261", VatCategory.Exempt, "VATEX-EU-132", "Exonération de TVA, article 261 du CGI"),
        new("S261_2", VatCategory.Exempt, "VATEX-EU-132", "Exonération de TVA, article 261-2 du CGI"),
        new("S261_4", VatCategory.Exempt, "VATEX-EU-132", "Exonération de TVA, article 261-4 du CGI"),
        new("S261D", VatCategory.Exempt, "VATEX-EU-135", "Exonération de TVA, article 261 D du CGI"),
        new("S262", VatCategory.Export, "VATEX-EU-G", "Exonération de TVA, article 262 I du CGI (exportation)"),
        new("S262TER", VatCategory.IntraCommunity, "VATEX-EU-IC", "Exonération de TVA, article 262 ter I du CGI (livraison intracommunautaire)"),
        new("S283", VatCategory.ReverseCharge, "VATEX-EU-AE", "Autoliquidation, article 283 du CGI"),
        new("S283_2", VatCategory.ReverseCharge, "VATEX-EU-AE", "Autoliquidation, article 283-2 du CGI"),
        new("S259", VatCategory.ReverseCharge, "VATEX-EU-AE", "Autoliquidation, article 259-1 du CGI et article 196 de la directive 2006/112/CE"),
        new("S259B", VatCategory.NotSubject, "VATEX-EU-O", "TVA non applicable, article 259 B du CGI"),
        new("S44", VatCategory.IntraCommunity, "VATEX-EU-IC", "Exonération de TVA, article 44 de la directive 2006/112/CE"),
    ];

    private static readonly Dictionary<string, VatExemption> ByCode =
        All.ToDictionary(e => e.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every supported reason, for documentation and validation messages.</summary>
    public static IReadOnlyList<VatExemption> Supported => All;

    /// <summary>
    /// The VAT category of a line, the one place it is decided: a rate above zero is standard rated, a zero rate takes
    /// its exemption reason's category, or is zero rated without one. So a line's rate always fits its category
    /// (BR-S-05, BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05, BR-O-05).
    /// </summary>
    public static VatCategory CategoryOf(decimal rate, string? exemptionReason) =>
        rate != 0m ? VatCategory.Standard : TryGet(exemptionReason, out var exemption) ? exemption.Category : VatCategory.ZeroRated;

    /// <summary>Looks a reason up by its API code, case-insensitively.</summary>
    public static bool TryGet(string? code, out VatExemption exemption)
    {
        if (code is not null && ByCode.TryGetValue(code.Trim(), out var found))
        {
            exemption = found;
            return true;
        }

        exemption = null!;
        return false;
    }
}
