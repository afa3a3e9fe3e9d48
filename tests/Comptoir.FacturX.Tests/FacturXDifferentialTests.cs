using Comptoir.FacturX.Tests.Differential;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// The proof of the native Factur-X MINIMUM rules: on every official CII sample, every generated invoice (as is,
/// and declared MINIMUM) and mutants of the MINIMUM documents, the set of fatal rule ids equals the one of the
/// official Factur-X 1.09.2 MINIMUM Schematron.
/// </summary>
public sealed class FacturXDifferentialTests(FacturXDifferentialTests.Run run) : IClassFixture<FacturXDifferentialTests.Run>
{
    public const string MinimumGuideline = "urn:factur-x.eu:1p0:minimum";

    [ConformanceFact]
    public void The_minimum_corpus_covers_the_samples_the_generated_invoices_and_the_mutants()
    {
        Assert.Contains(run.Cases, c => c.Name.StartsWith("facturx-1.08/0. MINIMUM/", StringComparison.Ordinal));
        Assert.Equal(InvoiceCorpus.All.Count, run.Cases.Count(c => c.Name.StartsWith(run.DeclaredPrefix, StringComparison.Ordinal)));
        Assert.Equal(FacturXProfileRun.MutantCount, run.Cases.Count(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)));
        var undecided = run.Cases.Where(c => !run.Official.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        Assert.True(undecided.Count == 0, "Saxon produced no report for:\n" + string.Join('\n', undecided));
    }

    [ConformanceFact]
    public void The_native_minimum_rules_report_the_same_fatal_rules_as_the_official_schematron()
    {
        var report = run.Differences(out var differing);
        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ:\n{report}");
    }

    [ConformanceFact]
    public void The_native_minimum_rules_report_the_same_warnings_as_the_official_schematron()
    {
        var report = run.WarningDifferences(out var differing);
        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ in their warnings:\n{report}");
    }

    [ConformanceFact]
    public void The_official_minimum_sample_passes_and_most_mutants_break_a_rule()
    {
        foreach (var sample in run.Cases.Where(c => c.Name.StartsWith("facturx-1.08/0. MINIMUM/", StringComparison.Ordinal)))
        {
            Assert.Empty(run.Official[sample.Name]);
            Assert.Empty(run.Native(sample.Xml));
        }

        var mutants = run.Cases.Where(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)).ToList();
        var broken = mutants.Count(m => run.Official[m.Name].Count > 0);
        Assert.True(broken * 3 > mutants.Count, $"only {broken} of {mutants.Count} mutants break a MINIMUM rule");
    }

    /// <summary>Builds the corpus and runs the MINIMUM Schematron once for all the tests.</summary>
    public sealed class Run() : FacturXProfileRun(FacturXProfile.Minimum, MinimumGuideline, "FACTUR-X_MINIMUM.xslt");
}
