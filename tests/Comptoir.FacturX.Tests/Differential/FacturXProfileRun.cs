using System.Text;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.FacturX.Tests.Differential;

/// <summary>
/// The corpus of one Factur-X profile's differential test, run once through the profile's official Schematron
/// (Saxon, one JVM): every official CII sample, every generated invoice as generated and declared the profile, and
/// mutants of the documents that declare the profile. The reports the official rules leave without an id count as
/// "?" on both sides.
/// </summary>
public abstract class FacturXProfileRun : IDisposable
{
    public const int MutantCount = 300;

    private readonly string directory = Directory.CreateTempSubdirectory("comptoir-facturx-differential-").FullName;

    /// <param name="edits">Targeted edits of the profile (applied to a few of the documents that declare it), if any.</param>
    protected FacturXProfileRun(FacturXProfile profile, string guideline, string stylesheet, Func<IReadOnlyList<DifferentialCase>, IReadOnlyList<DifferentialCase>>? edits = null)
    {
        Profile = profile;
        Guideline = guideline;
        if (ConformanceDirectory.Path is null)
        {
            return;
        }

        var samples = OfficialSamples.Load().Where(c => c.Syntax == InvoiceSyntax.Cii).ToList();
        var generated = InvoiceCorpus.All.Select(c => new DifferentialCase("generated/" + c.Name, InvoiceSyntax.Cii, CiiWriter.Write(c.Invoice))).ToList();
        var declared = generated.Select(c => c with { Name = DeclaredPrefix + c.Name["generated/".Length..], Xml = Declare(c.Xml, guideline) }).ToList();
        var seeds = samples.Where(s => Declares(s.Xml, guideline) && !s.Name.Contains("-unit/", StringComparison.Ordinal)).ToList();
        var mutants = InvoiceMutator.Mutate([.. seeds, .. declared], MutantCount, DifferentialCorpus.Seed);
        Seeds = seeds;
        Edited = edits?.Invoke([.. seeds.Take(3), .. declared.Where((_, i) => i % 10 == 0).Take(3)]) ?? [];
        Cases = [.. samples, .. generated, .. declared, .. mutants, .. Edited];
        var stopped = new List<string>();
        var warnings = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        Official = SchematronBatch.RunStylesheet(ConformanceDirectory.Facturx("facturx-1.09.2", "xslt", stylesheet), Cases, Path.Combine(directory, "run"), stopped, warnings);
        Stopped = stopped;
        OfficialWarnings = warnings;
    }

    public FacturXProfile Profile { get; }

    public string Guideline { get; }

    public string DeclaredPrefix => $"generated-{Profile.ToString().ToLowerInvariant()}/";

    /// <summary>The official samples that declare the profile (unit tests aside).</summary>
    public IReadOnlyList<DifferentialCase> Seeds { get; } = [];

    /// <summary>The documents the profile's targeted edits made.</summary>
    public IReadOnlyList<DifferentialCase> Edited { get; } = [];

    public IReadOnlyList<DifferentialCase> Cases { get; } = [];

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Official { get; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>The official warning ids of each document the official rules judge.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> OfficialWarnings { get; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>The documents on which the official rules stop with a dynamic error (no verdict to compare with).</summary>
    public IReadOnlyList<string> Stopped { get; } = [];

    /// <summary>The native fatal ids of the profile's rules, the unnamed reports as "?".</summary>
    public IReadOnlySet<string> Native(byte[] xml) => NativeIds(xml, FindingSeverity.Fatal);

    /// <summary>The native warning ids of the profile's rules.</summary>
    public IReadOnlySet<string> NativeWarnings(byte[] xml) => NativeIds(xml, FindingSeverity.Warning);

    /// <summary>The documents whose native and official fatal ids differ, one line each; empty when none does.</summary>
    public string Differences(out int differing) => Compare(Official, Native, out differing);

    /// <summary>The documents whose native and official warning ids differ, one line each; empty when none does.</summary>
    public string WarningDifferences(out int differing) => Compare(OfficialWarnings, NativeWarnings, out differing);

    private IReadOnlySet<string> NativeIds(byte[] xml, FindingSeverity severity) =>
        InvoiceValidator.Validate(xml, new ValidationOptions { En16931 = false, FacturXProfile = Profile })
            .Findings.Where(f => f.Severity == severity)
            .Select(f => FacturXRules.Unnamed.Contains(f.RuleId) ? "?" : f.RuleId).ToHashSet(StringComparer.Ordinal);

    private string Compare(IReadOnlyDictionary<string, IReadOnlySet<string>> official, Func<byte[], IReadOnlySet<string>> native, out int differing)
    {
        var report = new StringBuilder();
        differing = 0;
        foreach (var item in Cases.Where(c => official.ContainsKey(c.Name)))
        {
            var expected = official[item.Name];
            var actual = native(item.Xml);
            var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
            var extra = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                differing++;
                report.AppendLine($"{item.Name}: official only [{string.Join(", ", missing)}], native only [{string.Join(", ", extra)}]");
            }
        }

        return report.ToString();
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("COMPTOIR_KEEP_CONFORMANCE_OUTPUT") is null)
        {
            Directory.Delete(directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>BT-24 is the guideline (trimmed, as the profile is read from it).</summary>
    private static bool Declares(byte[] xml, string guideline)
    {
        var root = XDocument.Load(new MemoryStream(xml)).Root!;
        return FacturXRuleSet.GuidelineId(root)?.Trim() == guideline;
    }

    /// <summary>A generated invoice declaring the guideline (BT-24 only: the rest is what the profile's rules judge).</summary>
    private static byte[] Declare(byte[] xml, string guideline)
    {
        var document = XDocument.Load(new MemoryStream(xml));
        var id = document.Descendants(XName.Get("GuidelineSpecifiedDocumentContextParameter", CiiNamespaces.Ram)).Elements(XName.Get("ID", CiiNamespaces.Ram)).First();
        id.Value = guideline;
        var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
