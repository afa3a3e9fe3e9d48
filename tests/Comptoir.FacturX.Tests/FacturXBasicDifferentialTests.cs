using Comptoir.FacturX.Tests.Differential;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// The proof of the native Factur-X BASIC rules: on every official CII sample (unit tests included), every
/// generated invoice (as is, and declared BASIC) and mutants of the official samples and generated invoices that
/// declare the profile, the set of fatal rule ids equals the one of the official Factur-X 1.09.2 BASIC Schematron.
/// </summary>
public sealed class FacturXBasicDifferentialTests(FacturXBasicDifferentialTests.Run run) : IClassFixture<FacturXBasicDifferentialTests.Run>
{
    public const string DeclaredGuideline = "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic";

    [ConformanceFact]
    public void The_basic_corpus_covers_the_samples_the_declared_invoices_and_the_mutants()
    {
        Assert.Equal(InvoiceCorpus.All.Count, run.Cases.Count(c => c.Name.StartsWith(run.DeclaredPrefix, StringComparison.Ordinal)));
        Assert.Equal(FacturXProfileRun.MutantCount, run.Cases.Count(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)));
        var undecided = run.Cases.Where(c => !run.Official.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        Assert.True(undecided.Count == 0, "Saxon produced no report for:\n" + string.Join('\n', undecided));
    }

    [ConformanceFact]
    public void The_native_basic_rules_report_the_same_fatal_rules_as_the_official_schematron()
    {
        var report = run.Differences(out var differing);
        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ:\n{report}");
    }

    [ConformanceFact]
    public void The_native_basic_rules_report_the_same_warnings_as_the_official_schematron()
    {
        var report = run.WarningDifferences(out var differing);
        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ in their warnings:\n{report}");
    }

    [ConformanceFact]
    public void Most_basic_mutants_break_a_rule()
    {
        var mutants = run.Cases.Where(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)).ToList();
        var broken = mutants.Count(m => run.Official[m.Name].Count > 0);
        Assert.True(broken * 3 > mutants.Count, $"only {broken} of {mutants.Count} mutants break a BASIC rule");
    }

    /// <summary>Builds the corpus and runs the BASIC Schematron once for all the tests.</summary>
    public sealed class Run() : FacturXProfileRun(FacturXProfile.Basic, DeclaredGuideline, "FACTUR-X_BASIC.xslt");
}
