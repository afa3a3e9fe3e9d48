using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The Factur-X 1.09.2 rules of one profile, over a CII document. Each profile's official rule set is complete in
/// itself (its own binding of the business rules beside its structure rules), so a profile's findings are its
/// rules' only, not added to the EN 16931 ones. All five profiles are implemented.
/// </summary>
internal static class FacturXRuleSet
{
    public static bool Implements(FacturXProfile profile) => Enum.IsDefined(profile);

    /// <param name="cenFindings">
    /// The EN 16931 CII rules' findings on this document when the caller has them (the profiles from BASIC up reuse
    /// many of them): null runs those rules again.
    /// </param>
    public static IReadOnlyList<ValidationFinding> Validate(XElement root, FacturXProfile profile, IReadOnlyList<ValidationFinding>? cenFindings = null)
    {
        if (!Implements(profile))
        {
            throw new NotSupportedException($"The Factur-X {FacturXProfileIds.Name(profile)} rules are not implemented yet.");
        }

        var document = new CiiDocument(root);
        var findings = new FindingCollector();
        if (profile == FacturXProfile.Minimum)
        {
            MinimumBusinessRules.Check(document, findings);
            MinimumStructureRules.Check(document, findings);
        }
        else
        {
            if (profile == FacturXProfile.Extended)
            {
                ExtendedProfileBusinessRules.Check(document, findings, cenFindings);
            }
            else
            {
                var business = new FindingCollector();
                En16931ProfileBusinessRules.Check(document, business, cenFindings);
                var leftOut = ProfileRuleSubsets.LeftOut(profile);
                foreach (var finding in business.Findings.Where(f => !leftOut.Contains(f.RuleId)))
                {
                    findings.Add(finding);
                }
            }

            foreach (var table in ProfileRuleSubsets.Structure(profile))
            {
                table.Check(root, findings);
            }
        }

        return findings.Findings;
    }

    /// <summary>BT-24 of a CII document.</summary>
    public static string? GuidelineId(XElement root) =>
        root.Elements(CiiNames.ExchangedDocumentContext).Elements(CiiNames.GuidelineParameter).Elements(CiiNames.Id).FirstOrDefault()?.Value;
}
