using System.Text;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Tests.Differential;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// The proof of the native Factur-X profile rules: on every official CII sample, every generated invoice (as is,
/// and declared MINIMUM) and mutants of the MINIMUM documents, the set of fatal rule ids equals the one of the
/// official Factur-X 1.09.2 Schematron of the profile, run through Saxon in batch. The reports the official rules
/// leave without an id count as "?" on both sides.
/// </summary>
public sealed class FacturXDifferentialTests : IClassFixture<FacturXDifferentialTests.Run>
{
    public const int MutantCount = 300;

    public const string MinimumGuideline = "urn:factur-x.eu:1p0:minimum";

    private readonly Run run;

    public FacturXDifferentialTests(Run run) => this.run = run;

    [ConformanceFact]
    public void The_minimum_corpus_covers_the_samples_the_generated_invoices_and_the_mutants()
    {
        Assert.Contains(run.Cases, c => c.Name.StartsWith("facturx-1.08/0. MINIMUM/", StringComparison.Ordinal));
        Assert.Equal(InvoiceCorpus.All.Count, run.Cases.Count(c => c.Name.StartsWith("generated-minimum/", StringComparison.Ordinal)));
        Assert.Equal(MutantCount, run.Cases.Count(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)));
        var undecided = run.Cases.Where(c => !run.Official.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        Assert.True(undecided.Count == 0, "Saxon produced no report for:\n" + string.Join('\n', undecided));
    }

    [ConformanceFact]
    public void The_native_minimum_rules_report_the_same_fatal_rules_as_the_official_schematron()
    {
        var report = new StringBuilder();
        var differing = 0;
        foreach (var item in run.Cases.Where(c => run.Official.ContainsKey(c.Name)))
        {
            var expected = run.Official[item.Name];
            var actual = Native(item.Xml);
            var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
            var extra = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                differing++;
                report.AppendLine($"{item.Name}: official only [{string.Join(", ", missing)}], native only [{string.Join(", ", extra)}]");
            }
        }

        Assert.True(differing == 0, $"{differing} of {run.Cases.Count} documents differ:\n{report}");
    }

    [ConformanceFact]
    public void The_official_minimum_sample_passes_and_most_mutants_break_a_rule()
    {
        foreach (var sample in run.Cases.Where(c => c.Name.StartsWith("facturx-1.08/0. MINIMUM/", StringComparison.Ordinal)))
        {
            Assert.Empty(run.Official[sample.Name]);
            Assert.Empty(Native(sample.Xml));
        }

        var mutants = run.Cases.Where(c => c.Name.StartsWith("mutant-", StringComparison.Ordinal)).ToList();
        var broken = mutants.Count(m => run.Official[m.Name].Count > 0);
        Assert.True(broken * 3 > mutants.Count, $"only {broken} of {mutants.Count} mutants break a MINIMUM rule");
    }

    private static IReadOnlySet<string> Native(byte[] xml) =>
        InvoiceValidator.Validate(xml, new ValidationOptions { En16931 = false, FacturXProfile = FacturXProfile.Minimum })
            .FatalRuleIds.Select(id => FacturXRules.Unnamed.Contains(id) ? "?" : id).ToHashSet(StringComparer.Ordinal);

    /// <summary>A generated invoice declared MINIMUM (BT-24 only: the rest is what MINIMUM's rules judge).</summary>
    private static byte[] AsMinimum(byte[] xml)
    {
        var document = XDocument.Load(new MemoryStream(xml));
        var guideline = document.Descendants(XName.Get("GuidelineSpecifiedDocumentContextParameter", CiiNamespaces.Ram)).Elements(XName.Get("ID", CiiNamespaces.Ram)).First();
        guideline.Value = MinimumGuideline;
        var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Builds the corpus and runs the MINIMUM Schematron once for all the tests.</summary>
    public sealed class Run : IDisposable
    {
        private readonly string directory = Directory.CreateTempSubdirectory("comptoir-facturx-differential-").FullName;

        public Run()
        {
            if (ConformanceDirectory.Path is null)
            {
                return;
            }

            var samples = OfficialSamples.Load().Where(c => c.Syntax == InvoiceSyntax.Cii).ToList();
            var generated = InvoiceCorpus.All.Select(c => new DifferentialCase("generated/" + c.Name, InvoiceSyntax.Cii, CiiWriter.Write(c.Invoice))).ToList();
            var asMinimum = generated.Select(c => c with { Name = "generated-minimum/" + c.Name["generated/".Length..], Xml = AsMinimum(c.Xml) }).ToList();
            var minimumSamples = samples.Where(s => Encoding.UTF8.GetString(s.Xml).Contains(MinimumGuideline, StringComparison.Ordinal) && !s.Name.Contains("-unit/", StringComparison.Ordinal)).ToList();
            var mutants = InvoiceMutator.Mutate([.. minimumSamples, .. asMinimum], MutantCount, DifferentialCorpus.Seed);
            Cases = [.. samples, .. generated, .. asMinimum, .. mutants];
            Official = SchematronBatch.RunStylesheet(ConformanceDirectory.Facturx("facturx-1.09.2", "xslt", "FACTUR-X_MINIMUM.xslt"), Cases, Path.Combine(directory, "minimum"));
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
