using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// An item attribute (BG-32) has a name (BT-160) or a code (EXT-FR-FE-159), neither empty (BR-FR-27), and either a
/// value or a measure with its unit, not both (BR-FR-28).
/// </summary>
internal static class FrenchItemAttributeRules
{
    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        foreach (var attribute in d.Lines.Elements(Product).Elements(ProductCharacteristic))
        {
            var names = attribute.Elements(Description).ToList();
            var codes = attribute.Elements(TypeCodeName).ToList();
            f.Require(names.Count > 0 || codes.Count > 0, "BR-FR-27_BG-32", attribute);
            foreach (var name in names)
            {
                f.Require(XsValues.HasText(name), "BR-FR-27_BT-160", name);
            }

            foreach (var code in codes)
            {
                f.Require(XsValues.HasText(code), "BR-FR-27_EXT-FR-FE-159", code);
            }

            var hasValue = attribute.Elements(Value).Any();
            var measures = attribute.Elements(FrenchNames.ValueMeasure).ToList();
            f.Require((hasValue && measures.Count == 0) || (!hasValue && measures.Any(m => m.Attribute("unitCode") is { Value.Length: > 0 })), "BR-FR-28-Value", attribute);
        }
    }
}
