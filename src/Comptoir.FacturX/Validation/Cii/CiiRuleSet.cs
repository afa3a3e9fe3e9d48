using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>Every EN 16931 rule family bound to CII, run over one document.</summary>
internal static class CiiRuleSet
{
    public static IReadOnlyList<ValidationFinding> Validate(XElement root)
    {
        var document = new CiiDocument(root);
        var findings = new FindingCollector();
        CiiInvoiceRules.Check(document, findings);
        CiiLineRules.Check(document, findings);
        CiiAllowanceChargeRules.Check(document, findings);
        CiiTotalsRules.Check(document, findings);
        CiiPartyRules.Check(document, findings);
        CiiPaymentRules.Check(document, findings);
        CiiVatBreakdownRules.Check(document, findings);
        CiiVatCategoryRules.Check(document, findings);
        CiiCodeListRules.Check(document, findings);
        CiiSyntaxRules.Check(document, findings);
        return findings.Findings;
    }
}
