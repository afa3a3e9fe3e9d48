using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>Every EN 16931 rule family bound to UBL, run over one invoice or credit note.</summary>
internal static class UblRuleSet
{
    public static IReadOnlyList<ValidationFinding> Validate(XElement root)
    {
        var document = new UblDocument(root);
        var findings = new FindingCollector();
        UblInvoiceRules.Check(document, findings);
        UblLineRules.Check(document, findings);
        UblAllowanceChargeRules.Check(document, findings);
        UblTotalsRules.Check(document, findings);
        UblPartyRules.Check(document, findings);
        UblPaymentRules.Check(document, findings);
        UblVatBreakdownRules.Check(document, findings);
        UblVatCategoryRules.Check(document, findings);
        UblCodeListRules.Check(document, findings);
        UblSyntaxRules.Check(document, findings);
        return findings.Findings;
    }
}
