namespace Comptoir.FacturX.Validation;

/// <summary>How a broken rule weighs: a fatal finding makes the invoice non-compliant, a warning does not.</summary>
public enum FindingSeverity
{
    Fatal,
    Warning,
}

/// <summary>One broken rule.</summary>
/// <param name="RuleId">The official rule id (BR-01, BR-CO-10, BR-S-08, CII-SR-009, ...).</param>
/// <param name="Message">The rule's official text.</param>
/// <param name="Location">Where it broke, as an XPath-like path into the document (/rsm:CrossIndustryInvoice/...[2]).</param>
/// <param name="Field">The business term the rule is about (BT-31, BG-23), when the rule names one.</param>
public sealed record ValidationFinding(string RuleId, FindingSeverity Severity, string Message, string Location, string? Field)
{
    public override string ToString() => $"{RuleId} ({Severity.ToString().ToLowerInvariant()}): {Message} [{Location}]";
}
