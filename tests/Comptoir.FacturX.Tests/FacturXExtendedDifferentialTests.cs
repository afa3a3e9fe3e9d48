using Comptoir.FacturX.Tests.Differential;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// The proof of the native Factur-X EXTENDED rules: on every official CII sample (unit tests included), every
/// generated invoice (as is, and declared EXTENDED) and mutants of the official samples and generated invoices that
/// declare the profile, the set of fatal rule ids equals the one of the official Factur-X 1.09.2 EXTENDED Schematron.
/// </summary>
public sealed class FacturXExtendedDifferentialTests(FacturXExtendedDifferentialTests.Run run) : IClassFixture<FacturXExtendedDifferentialTests.Run>
{
    public const string DeclaredGuideline = "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended";

    [ConformanceFact]
    public void The_extended_corpus_covers_the_samples_the_declared_invoices_and_the_mutants()
    {
        Assert.Equal(InvoiceCorpus.All.Count, run.Cases.Count(c => c.Name.StartsWith(run.DeclaredPrefix, StringComparison.Ordinal)));
        Assert.Equal(FacturXProfileRun.MutantCount, run.Cases.Count(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)));
        var applied = run.Edited.Select(c => c.Name.Split('/')[1]).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(ExtendedEdits.Names.Except(applied));
        var undecided = run.Cases.Where(c => !run.Official.ContainsKey(c.Name) && !run.Stopped.Contains(c.Name)).Select(c => c.Name).ToList();
        Assert.True(undecided.Count == 0, "Saxon produced no report for:\n" + string.Join('\n', undecided));
    }

    /// <summary>
    /// Some EXTENDED tests cast a node sequence to one decimal (two BT-110 in the invoice currency, for one), so the
    /// official rules stop on a few documents with a dynamic error and give no verdict: those must stay rare, and
    /// the native rules must not accept them.
    /// </summary>
    [ConformanceFact]
    public void The_documents_the_official_extended_rules_cannot_judge_are_rare_and_refused_natively()
    {
        Assert.True(run.Stopped.Count * 100 < run.Cases.Count, $"{run.Stopped.Count} of {run.Cases.Count} documents stop the official rules");
        var accepted = run.Cases.Where(c => run.Stopped.Contains(c.Name) && run.Native(c.Xml).Count == 0).Select(c => c.Name).ToList();
        Assert.True(accepted.Count == 0, "accepted natively though the official rules stop on them:\n" + string.Join('\n', accepted));
    }

    [ConformanceFact]
    public void The_native_extended_rules_report_the_same_fatal_rules_as_the_official_schematron()
    {
        var report = run.Differences(out var differing);
        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ:\n{report}");
    }

    [ConformanceFact]
    public void The_native_extended_rules_report_the_same_warnings_as_the_official_schematron()
    {
        var report = run.WarningDifferences(out var differing);
        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ in their warnings:\n{report}");
    }

    [ConformanceFact]
    public void Most_extended_mutants_break_a_rule()
    {
        var mutants = run.Cases.Where(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)).ToList();
        var broken = mutants.Count(m => run.Official[m.Name].Count > 0);
        Assert.True(broken * 3 > mutants.Count, $"only {broken} of {mutants.Count} mutants break an EXTENDED rule");
    }

    /// <summary>
    /// The rules only EXTENDED has, and the structure forms only it uses (at most two registrations of a scheme, a
    /// line tax total in the document's currency, a tax type code as reason code), are broken by its targeted edits.
    /// </summary>
    [ConformanceFact]
    public void The_extended_edits_break_the_rules_only_extended_has()
    {
        var broken = run.Edited.Where(c => run.Official.ContainsKey(c.Name)).SelectMany(c => run.Official[c.Name].Concat(run.OfficialWarnings[c.Name])).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "BR-FXEXT-01", "BR-FXEXT-02", "BR-FXEXT-04", "BR-FXEXT-06", "BR-FXEXT-08", "BR-FXEXT-11", "BR-FXEXT-12", "BR-FXEXT-BR-38", "BR-FXEXT-BR-44",
            "BR-FXEXT-BR-54-1", "BR-FXEXT-BR-54-2", "BR-FXEXT-CII-DT-097a", "CII-DT-097", "BR-FXEXT-03", "BR-FXEXT-CO-11", "BR-FXEXT-CO-12", "BR-FXEXT-CO-16", "BR-FXEXT-Z-08b", "BR-FXEXT-S-08rev",
            "FX-SCH-A-000386", "FX-SCH-A-000387", "FX-SCH-A-000389", "FX-SCH-A-000390",
        ];
        var neverBroken = expected.Where(id => !broken.Contains(id)).ToList();
        Assert.True(neverBroken.Count == 0, "never broken by the edits: " + string.Join(", ", neverBroken));
    }

    /// <summary>Builds the corpus and runs the EXTENDED Schematron once for all the tests.</summary>
    public sealed class Run() : FacturXProfileRun(FacturXProfile.Extended, DeclaredGuideline, "FACTUR-X_EXTENDED.xslt", ExtendedEdits.Apply);
}
