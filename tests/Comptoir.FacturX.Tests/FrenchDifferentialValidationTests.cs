using System.Text;
using Comptoir.FacturX.Tests.Differential;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// The proof of the native French rules: on every CII document of the EN 16931 differential corpus (official samples,
/// every generated invoice, the CII mutants) and hundreds of mutants aimed at the French rules, the set of fatal rule
/// ids <see cref="InvoiceValidator.ValidateFrench(byte[])"/> reports equals the official BR-FR Schematron's (run
/// through Saxon, in batch).
/// </summary>
public sealed class FrenchDifferentialValidationTests : IClassFixture<FrenchDifferentialValidationTests.Run>
{
    public const int FrenchMutantCount = 600;

    public const int Seed = 2026;

    /// <summary>
    /// Rules the native French rules do not decide like the Schematron, each with the reason. Empty is the aim; every
    /// entry is a known gap, listed in docs/decisions/0026-native-french-rules.md.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> KnownDifferences = new Dictionary<string, string>(StringComparer.Ordinal);

    private readonly Run run;

    public FrenchDifferentialValidationTests(Run run) => this.run = run;

    [ConformanceFact]
    public void The_corpus_covers_every_cii_source_and_at_least_300_french_mutants()
    {
        Assert.Contains(run.Cases, c => c.Name.StartsWith("cii-example/", StringComparison.Ordinal));
        Assert.Contains(run.Cases, c => c.Name.StartsWith("facturx-1.08/", StringComparison.Ordinal));
        Assert.Contains(run.Cases, c => c.Name.StartsWith("facturx-1.08-pdf/", StringComparison.Ordinal));
        Assert.Contains(run.Cases, c => c.Name.StartsWith("samples-pdf/", StringComparison.Ordinal));
        Assert.Equal(InvoiceCorpus.All.Count, run.Cases.Count(c => c.Name.StartsWith("generated/", StringComparison.Ordinal)));
        Assert.True(run.Cases.Count(c => c.Name.StartsWith("fr-mutant-", StringComparison.Ordinal)) >= 300);
        Assert.All(run.Cases, c => Assert.Equal(InvoiceSyntax.Cii, c.Syntax));
    }

    [ConformanceFact]
    public void Saxon_decided_every_document()
    {
        var undecided = run.Cases.Where(c => !run.Official.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        Assert.True(undecided.Count == 0, $"Saxon produced no report for:\n{string.Join('\n', undecided.Take(20))}\nSaxon said: {run.SaxonErrors[..Math.Min(run.SaxonErrors.Length, 3000)]}");
    }

    [ConformanceFact]
    public void The_native_french_rules_report_the_same_fatal_rules_as_the_official_schematron()
    {
        var report = new StringBuilder();
        var differing = 0;
        foreach (var item in run.Cases)
        {
            if (!run.Official.TryGetValue(item.Name, out var expected))
            {
                continue;
            }

            var actual = InvoiceValidator.ValidateFrench(item.Xml).FatalRuleIds;
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
    public void The_french_mutants_break_rules_the_validators_agree_on()
    {
        // Generated invoices pass BR-FR: their French mutants must mostly break something, and between them a wide
        // range of rules, or the agreement above would prove little.
        var mutants = run.Cases.Where(c => c.Name.StartsWith("fr-mutant-", StringComparison.Ordinal) && c.Name.Contains("/generated/", StringComparison.Ordinal) && run.Official.ContainsKey(c.Name)).ToList();
        var broken = mutants.Count(m => run.Official[m.Name].Count > 0);
        Assert.True(broken * 2 > mutants.Count, $"only {broken} of {mutants.Count} French mutants of generated invoices break a fatal rule");

        var reached = run.Official.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        Assert.True(reached.Count >= MinimumRulesReached, $"the corpus breaks only {reached.Count} distinct French rules: {string.Join(", ", reached.Order(StringComparer.Ordinal))}");
    }

    /// <summary>How many distinct BR-FR rule ids the corpus must break (125 of the 171 measured, the floor set just below).</summary>
    private const int MinimumRulesReached = 120;

    /// <summary>Builds the CII corpus and runs the French Schematron once for all the tests.</summary>
    public sealed class Run : IDisposable
    {
        private readonly string directory = Directory.CreateTempSubdirectory("comptoir-french-differential-").FullName;

        public Run()
        {
            if (ConformanceDirectory.Path is null)
            {
                return;
            }

            var cii = DifferentialCorpus.Build().Where(c => c.Syntax == InvoiceSyntax.Cii).ToList();
            var seeds = cii.Where(c => c.Name.StartsWith("generated/", StringComparison.Ordinal) || c.Name.StartsWith("cii-example/", StringComparison.Ordinal)
                || c.Name.StartsWith("facturx-1.08/", StringComparison.Ordinal)).ToList();
            Cases = [.. cii, .. FrenchMutator.Mutate(seeds, FrenchMutantCount, Seed)];
            Official = FrenchSchematronBatch.Run(Cases, directory, out var errors);
            SaxonErrors = errors;
        }

        public IReadOnlyList<DifferentialCase> Cases { get; } = [];

        public IReadOnlyDictionary<string, IReadOnlySet<string>> Official { get; } = new Dictionary<string, IReadOnlySet<string>>();

        /// <summary>What Saxon printed on its error stream (a dynamic error names the file it stopped on).</summary>
        public string SaxonErrors { get; } = string.Empty;

        public void Dispose()
        {
            if (Environment.GetEnvironmentVariable("COMPTOIR_KEEP_CONFORMANCE_OUTPUT") is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
