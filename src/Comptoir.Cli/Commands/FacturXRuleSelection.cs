using System.Xml.Linq;
using Comptoir.FacturX.Validation.French;

namespace Comptoir.Cli.Commands;

/// <summary>
/// Which rule sets <c>comptoir facturx validate --rules</c> runs: <c>auto</c> (the default: EN 16931, plus the French
/// BR-FR rules when the seller is in France), or a comma-separated list of <c>en16931</c> and <c>fr</c>.
/// </summary>
internal sealed record FacturXRuleSelection(bool En16931, bool French, bool FrenchForFrenchSellers)
{
    public const string Help = "Rule sets: auto (EN 16931, plus the French BR-FR rules when the seller's country, BT-40, is FR), or a comma-separated list of en16931 and fr (fr: CII only).";

    public static readonly FacturXRuleSelection Auto = new(En16931: true, French: false, FrenchForFrenchSellers: true);

    /// <summary>Reads the option's text; null when it names an unknown set.</summary>
    public static FacturXRuleSelection? Parse(string? text)
    {
        var names = (text ?? "auto").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 1 && names.Contains("auto"))
        {
            return Auto;
        }

        if (names.Count == 0 || names.Any(n => n is not ("en16931" or "fr")))
        {
            return null;
        }

        return new FacturXRuleSelection(names.Contains("en16931"), names.Contains("fr"), FrenchForFrenchSellers: false);
    }

    /// <summary>Whether the French rules run on this document.</summary>
    public bool RunsFrench(XDocument document) => French || (FrenchForFrenchSellers && FrenchCtcRules.AppliesTo(document));

    /// <summary>How the sets that ran are named in the text output ("EN 16931 + BR-FR").</summary>
    public static string Describe(bool en16931, bool french) => (en16931, french) switch
    {
        (true, true) => "EN 16931 + BR-FR rules",
        (false, true) => "BR-FR rules",
        _ => "EN 16931 rules",
    };
}
