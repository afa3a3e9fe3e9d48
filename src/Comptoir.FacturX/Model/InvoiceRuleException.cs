using Comptoir.FacturX.Validation;

namespace Comptoir.FacturX.Model;

/// <summary>
/// Thrown instead of writing a Factur-X file that would break a fatal EN 16931 rule: the native validator's fatal
/// findings on the XML that would have been embedded. The message names each rule first ("BR-O-02: ...").
/// </summary>
public sealed class InvoiceRuleException(IReadOnlyList<ValidationFinding> violations)
    : Exception(string.Join(Environment.NewLine, violations.Select(Describe)))
{
    public IReadOnlyList<ValidationFinding> Violations { get; } = violations;

    private static string Describe(ValidationFinding finding) => $"{finding.RuleId}: {finding.Message} [{finding.Location}]";
}
