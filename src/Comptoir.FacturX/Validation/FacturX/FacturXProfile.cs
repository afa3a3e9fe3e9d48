namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>The Factur-X profiles, each with its own official rule set (Factur-X 1.09.2 Schematron).</summary>
public enum FacturXProfile
{
    Minimum,
    BasicWl,
    Basic,
    En16931,
    Extended,
}

/// <summary>Which profile a document declares in its specification identifier (BT-24).</summary>
public static class FacturXProfileIds
{
    private static readonly Dictionary<string, FacturXProfile> ByGuideline = new(StringComparer.Ordinal)
    {
        ["urn:factur-x.eu:1p0:minimum"] = FacturXProfile.Minimum,
        ["urn:zugferd.de:2p0:minimum"] = FacturXProfile.Minimum,
        ["urn:factur-x.eu:1p0:basicwl"] = FacturXProfile.BasicWl,
        ["urn:zugferd.de:2p0:basicwl"] = FacturXProfile.BasicWl,
        ["urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic"] = FacturXProfile.Basic,
        ["urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic"] = FacturXProfile.Basic,
        ["urn:cen.eu:en16931:2017"] = FacturXProfile.En16931,
        ["urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended"] = FacturXProfile.Extended,
        ["urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended"] = FacturXProfile.Extended,
    };

    /// <summary>The profile of a guideline id (the values each profile's own code list accepts); null for any other.</summary>
    public static FacturXProfile? FromGuideline(string? guidelineId) =>
        guidelineId is not null && ByGuideline.TryGetValue(guidelineId.Trim(), out var profile) ? profile : null;

    /// <summary>The name the Factur-X specification gives the profile (MINIMUM, BASIC WL, ...).</summary>
    public static string Name(FacturXProfile profile) => profile switch
    {
        FacturXProfile.Minimum => "MINIMUM",
        FacturXProfile.BasicWl => "BASIC WL",
        FacturXProfile.Basic => "BASIC",
        FacturXProfile.En16931 => "EN 16931",
        _ => "EXTENDED",
    };
}
