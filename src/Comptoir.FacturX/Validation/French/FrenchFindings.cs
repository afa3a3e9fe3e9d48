using System.Text.RegularExpressions;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// Collects the broken French rules of one run. Every assert of the official rule set is fatal (it flags none as a
/// warning), so every finding is. The id is the assert's (BR-FR-01_BT-1), the text the catalogue's, the field the
/// first business term the id names.
/// </summary>
internal sealed partial class FrenchFindings
{
    private readonly List<ValidationFinding> findings = [];

    public IReadOnlyList<ValidationFinding> All => findings;

    /// <summary>Records <paramref name="ruleId"/> as broken at <paramref name="context"/> unless <paramref name="holds"/>.</summary>
    public void Require(bool holds, string ruleId, XObject context)
    {
        if (!holds)
        {
            var text = FrenchRuleTexts.ById.TryGetValue(ruleId, out var known) ? known : throw new InvalidOperationException($"{ruleId} is not in the French rule catalogue.");
            findings.Add(new ValidationFinding(ruleId, FindingSeverity.Fatal, text, ElementPath.Of(context), FieldOf(ruleId)));
        }
    }

    /// <summary>BR-FR-09_EXT-FR-FE-06 names EXT-FR-FE-06, BR-FR-05_BT-22_PMT names BT-22; BR-FR-32-LEGALID names none.</summary>
    public static string? FieldOf(string ruleId) => BusinessTerm().Match(ruleId) is { Success: true } match ? match.Value : null;

    [GeneratedRegex(@"(?<=[_-])(EXT-FR-FE-(BG-)?\d+|B[TG]-\d+)")]
    private static partial Regex BusinessTerm();
}
