namespace Comptoir.FacturX.Reading;

/// <summary>Factur-X / ZUGFeRD profile identifiers (BT-24) and their short names.</summary>
public static class FacturXProfiles
{
    public static string NameOf(string? guideline)
    {
        if (string.IsNullOrWhiteSpace(guideline))
        {
            return "UNKNOWN";
        }

        var g = guideline.Trim().ToLowerInvariant();
        if (g.Contains("xrechnung", StringComparison.Ordinal))
        {
            return "XRECHNUNG";
        }

        if (g.EndsWith(":minimum", StringComparison.Ordinal))
        {
            return "MINIMUM";
        }

        if (g.EndsWith(":basicwl", StringComparison.Ordinal))
        {
            return "BASIC WL";
        }

        if (g.EndsWith(":basic", StringComparison.Ordinal))
        {
            return "BASIC";
        }

        if (g.EndsWith(":comfort", StringComparison.Ordinal))
        {
            return "EN 16931"; // ZUGFeRD's name for the EN 16931 profile
        }

        if (g.Contains("extended", StringComparison.Ordinal))
        {
            return "EXTENDED";
        }

        return g.StartsWith("urn:cen.eu:en16931:2017", StringComparison.Ordinal) ? "EN 16931" : "UNKNOWN";
    }
}
