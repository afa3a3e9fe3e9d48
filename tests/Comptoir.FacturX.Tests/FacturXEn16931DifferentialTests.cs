using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Tests.Differential;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// The proof of the native Factur-X EN 16931 profile rules: on every official CII sample (unit tests included),
/// every generated invoice and mutants of the official samples and generated invoices that declare the profile,
/// the set of fatal rule ids equals the one of the official Factur-X 1.09.2 EN 16931 Schematron.
/// </summary>
public sealed class FacturXEn16931DifferentialTests(FacturXEn16931DifferentialTests.Run run) : IClassFixture<FacturXEn16931DifferentialTests.Run>
{
    [ConformanceFact]
    public void The_en16931_corpus_covers_samples_declaring_the_profile_the_generated_invoices_and_the_mutants()
    {
        Assert.NotEmpty(run.Seeds);
        Assert.Equal(InvoiceCorpus.All.Count, run.Cases.Count(c => c.Name.StartsWith("generated/", StringComparison.Ordinal)));
        Assert.Equal(FacturXProfileRun.MutantCount, run.Cases.Count(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)));
        var undecided = run.Cases.Where(c => !run.Official.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        Assert.True(undecided.Count == 0, "Saxon produced no report for:\n" + string.Join('\n', undecided));
    }

    [ConformanceFact]
    public void The_native_en16931_profile_rules_report_the_same_fatal_rules_as_the_official_schematron()
    {
        var report = run.Differences(out var differing);
        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ:\n{report}");
    }

    [ConformanceFact]
    public void The_native_en16931_profile_rules_report_the_same_warnings_as_the_official_schematron()
    {
        var report = run.WarningDifferences(out var differing);
        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ in their warnings:\n{report}");
    }

    [ConformanceFact]
    public void The_generated_invoices_pass_and_most_mutants_break_a_rule()
    {
        foreach (var generated in run.Cases.Where(c => c.Name.StartsWith("generated/", StringComparison.Ordinal)))
        {
            Assert.Empty(run.Native(generated.Xml));
        }

        var mutants = run.Cases.Where(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)).ToList();
        var broken = mutants.Count(m => run.Official[m.Name].Count > 0);
        Assert.True(broken * 3 > mutants.Count, $"only {broken} of {mutants.Count} mutants break an EN 16931 profile rule");
    }

    /// <summary>Builds the corpus and runs the EN 16931 profile's Schematron once for all the tests.</summary>
    public sealed class Run() : FacturXProfileRun(FacturXProfile.En16931, CiiNamespaces.En16931Guideline, "FACTUR-X_EN16931.xslt");
}
