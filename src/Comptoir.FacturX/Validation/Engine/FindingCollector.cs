using System.Xml.Linq;
using Comptoir.FacturX.Validation.Rules;

namespace Comptoir.FacturX.Validation.Engine;

/// <summary>Collects the findings of one validation run; the location path is only built for a broken rule.</summary>
internal sealed class FindingCollector
{
    private readonly List<ValidationFinding> findings = [];

    public IReadOnlyList<ValidationFinding> Findings => findings;

    /// <summary>Records a finding another rule set made.</summary>
    public void Add(ValidationFinding finding) => findings.Add(finding);

    /// <summary>Records <paramref name="rule"/> as broken at <paramref name="context"/> unless <paramref name="holds"/>.</summary>
    public void Require(bool holds, Rule rule, XObject context)
    {
        if (!holds)
        {
            findings.Add(new ValidationFinding(rule.Id, rule.Severity, rule.Text, ElementPath.Of(context), rule.Field));
        }
    }
}
