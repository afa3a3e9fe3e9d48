using System.Text.RegularExpressions;

namespace Comptoir.FacturX.Validation.Rules;

/// <summary>One rule of the catalogue: its official id and text, and the business term it is about.</summary>
internal sealed partial record Rule(string Id, string Text, FindingSeverity Severity = FindingSeverity.Fatal)
{
    /// <summary>The first business term or group the text names (BT-31, BG-23), if any.</summary>
    public string? Field { get; } = BusinessTerm().Match(Text) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"\((B[TG]-\d+)\)")]
    private static partial Regex BusinessTerm();
}
