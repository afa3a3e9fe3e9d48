namespace Comptoir.FacturX.Validation;

/// <summary>The syntax a document was validated as.</summary>
public enum InvoiceSyntax
{
    Cii,
    Ubl,
}

/// <summary>What the validator found in one document.</summary>
public sealed record ValidationReport(InvoiceSyntax Syntax, IReadOnlyList<ValidationFinding> Findings)
{
    /// <summary>The Factur-X profile whose own rules were run too, if any.</summary>
    public FacturX.FacturXProfile? FacturXProfile { get; init; }

    public bool HasFatal => Findings.Any(f => f.Severity == FindingSeverity.Fatal);

    /// <summary>The distinct ids of the fatal rules broken, sorted (what the differential test compares).</summary>
    public IReadOnlySet<string> FatalRuleIds => Findings.Where(f => f.Severity == FindingSeverity.Fatal).Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
}
