namespace Comptoir.FacturX.Cii;

/// <summary>The UN/CEFACT CII D16B namespaces and the Factur-X profile identifiers.</summary>
public static class CiiNamespaces
{
    public const string Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    public const string Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    public const string Qdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
    public const string Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

    /// <summary>BT-24 for the EN 16931 (COMFORT) profile.</summary>
    public const string En16931Guideline = "urn:cen.eu:en16931:2017";
}
