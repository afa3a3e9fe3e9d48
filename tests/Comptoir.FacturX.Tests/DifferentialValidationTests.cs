using System.Text;
using Comptoir.FacturX.Tests.Differential;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// The proof of the native validator: on every official sample, every generated invoice and hundreds of mutated
/// ones, the set of fatal rule ids it reports equals the official Schematron's (run through Saxon, in batch).
/// </summary>
public sealed class DifferentialValidationTests : IClassFixture<DifferentialValidationTests.Run>
{
    /// <summary>
    /// Rules the native validator does not decide like the Schematron, each with the reason. Empty is the aim;
    /// every entry is a known gap, listed in docs/decisions/0023-native-en16931-validator.md.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> KnownDifferences = new Dictionary<string, string>(StringComparer.Ordinal);

    private readonly Run run;

    public DifferentialValidationTests(Run run) => this.run = run;

    [ConformanceFact]
    public void The_corpus_covers_every_source_and_at_least_500_mutants()
    {
        Assert.Contains(run.Cases, c => c.Name.StartsWith("cii-example/", StringComparison.Ordinal));
        Assert.Contains(run.Cases, c => c.Name.StartsWith("ubl-example/", StringComparison.Ordinal));
        Assert.Contains(run.Cases, c => c.Name.StartsWith("ubl-unit/Invoice-unit-UBL/", StringComparison.Ordinal));
        Assert.Contains(run.Cases, c => c.Name.StartsWith("ubl-unit/CreditNote-unit-UBL/", StringComparison.Ordinal));
        Assert.Contains(run.Cases, c => c.Name.StartsWith("cii-unit/", StringComparison.Ordinal));
        Assert.Contains(run.Cases, c => c.Name.StartsWith("facturx-1.08-pdf/", StringComparison.Ordinal));
        Assert.Equal(InvoiceCorpus.All.Count, run.Cases.Count(c => c.Name.StartsWith("generated/", StringComparison.Ordinal)));
        Assert.True(run.Cases.Count(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)) >= 500);
        Assert.True(run.Cases.Count(c => c.Syntax == InvoiceSyntax.Ubl) >= 280);
    }

    [ConformanceFact]
    public void Saxon_decided_every_document()
    {
        var undecided = run.Cases.Where(c => !run.Official.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        Assert.True(undecided.Count == 0, "Saxon produced no report for:\n" + string.Join('\n', undecided));
    }

    [ConformanceFact]
    public void The_native_validator_reports_the_same_fatal_rules_as_the_official_schematron()
    {
        var report = new StringBuilder();
        var differing = 0;
        foreach (var item in run.Cases)
        {
            if (!run.Official.TryGetValue(item.Name, out var expected))
            {
                continue;
            }

            var actual = InvoiceValidator.Validate(item.Xml).FatalRuleIds;
            var missing = expected.Except(actual).Where(id => !KnownDifferences.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
            var extra = actual.Except(expected).Where(id => !KnownDifferences.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                differing++;
                report.AppendLine($"{item.Name}: official only [{string.Join(", ", missing)}], native only [{string.Join(", ", extra)}]");
            }
        }

        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ:\n{report}");
    }

    [ConformanceFact]
    public void The_mutants_break_rules_the_validators_agree_on()
    {
        // The test would prove little if mutants were all valid: most must break at least one fatal rule.
        var mutants = run.Cases.Where(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal) && run.Official.ContainsKey(c.Name)).ToList();
        var broken = mutants.Count(m => run.Official[m.Name].Count > 0);
        Assert.True(broken * 2 > mutants.Count, $"only {broken} of {mutants.Count} mutants break a fatal rule");
    }

    /// <summary>Builds the corpus and runs the Schematron once for all the tests.</summary>
    public sealed class Run : IDisposable
    {
        private readonly string directory = Directory.CreateTempSubdirectory("comptoir-differential-").FullName;

        public Run()
        {
            if (ConformanceDirectory.Path is null)
            {
                return;
            }

            Cases = DifferentialCorpus.Build();
            Official = SchematronBatch.Run(Cases, directory);
        }

        public IReadOnlyList<DifferentialCase> Cases { get; } = [];

        public IReadOnlyDictionary<string, IReadOnlySet<string>> Official { get; } = new Dictionary<string, IReadOnlySet<string>>();

        public void Dispose()
        {
            if (Environment.GetEnvironmentVariable("COMPTOIR_KEEP_CONFORMANCE_OUTPUT") is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
