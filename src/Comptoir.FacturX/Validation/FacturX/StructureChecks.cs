using System.Collections.Frozen;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The forms the Factur-X structure rules (FX-SCH-A-*) take: a child's cardinality, a required attribute, a value
/// from a code list (an empty value passes, as in the official rules), and the reports of what a profile does not use.
/// </summary>
internal static class StructureChecks
{
    /// <summary>count(child) = 1.</summary>
    public static void ExactlyOne(FindingCollector f, XElement context, XName child, Rule rule) =>
        f.Require(Count(context, child) == 1, rule, context);

    /// <summary>count(child) &lt;= 1.</summary>
    public static void AtMostOne(FindingCollector f, XElement context, XName child, Rule rule) =>
        f.Require(Count(context, child) <= 1, rule, context);

    /// <summary>The attribute is present.</summary>
    public static void Required(FindingCollector f, XElement context, string attribute, Rule rule) =>
        f.Require(context.Attribute(attribute) is not null, rule, context);

    /// <summary>string-length(value) = 0 or the code list holds the value (exact text, no normalisation).</summary>
    public static void InList(FindingCollector f, XElement context, string? value, FrozenSet<string> list, Rule rule) =>
        f.Require(string.IsNullOrEmpty(value) || list.Contains(value), rule, context);

    /// <summary>report @attribute: the profile does not use it here.</summary>
    public static void ForbidAttribute(FindingCollector f, XElement context, string attribute) =>
        f.Require(context.Attribute(attribute) is null, FacturXRules.AttributeNotUsed, context);

    /// <summary>report true(): the profile does not use the element here.</summary>
    public static void NotUsed(FindingCollector f, XElement context) => f.Require(false, FacturXRules.ElementNotUsed, context);

    /// <summary>ram:SpecifiedTaxRegistration[ram:ID/@schemeID = scheme].</summary>
    public static bool HasScheme(XElement registration, string scheme) =>
        registration.Elements(Cii.CiiNames.Id).Any(id => (string?)id.Attribute("schemeID") == scheme);

    private static int Count(XElement context, XName child)
    {
        var count = 0;
        foreach (var _ in context.Elements(child))
        {
            count++;
        }

        return count;
    }
}
