using System.Collections.Concurrent;
using System.Xml.Linq;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;

namespace Comptoir.FacturX.Tests.Differential;

/// <summary>
/// Runs the official EN 16931 Schematron (compiled XSLT 2.0) over the corpus in batch: the documents of each
/// syntax are written to one folder and Saxon is started once per rule set over that folder, as the conformance
/// README advises. The result is, per document, the set of fatal rule ids of its SVRL report; a document Saxon
/// could not process has no entry.
/// </summary>
public static class SchematronBatch
{
    private static readonly XNamespace Svrl = "http://purl.oclc.org/dsdl/svrl";

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Run(IReadOnlyList<DifferentialCase> cases, string workDirectory)
    {
        var results = new ConcurrentDictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var stylesheets = new Dictionary<InvoiceSyntax, string>
        {
            [InvoiceSyntax.Cii] = ConformanceDirectory.Facturx("en16931-cii-1.3.16", "cii", "xslt", "EN16931-CII-validation.xslt"),
            [InvoiceSyntax.Ubl] = ConformanceDirectory.Facturx("en16931-ubl-1.3.16", "xslt", "EN16931-UBL-validation.xslt"),
        };

        Parallel.ForEach(stylesheets, new ParallelOptions { MaxDegreeOfParallelism = 2 }, entry =>
        {
            var (syntax, stylesheet) = (entry.Key, entry.Value);
            foreach (var (name, ids) in RunStylesheet(stylesheet, cases.Where(c => c.Syntax == syntax), Path.Combine(workDirectory, syntax.ToString())))
            {
                results[name] = ids;
            }
        });
        return results;
    }

    /// <summary>
    /// Runs one compiled Schematron over the given documents in one JVM (a folder in, a folder of SVRL out, under
    /// <paramref name="workDirectory"/>): per document, its fatal rule ids; a document Saxon could not process has none.
    /// The documents whose report Saxon began and broke off (a dynamic error in a rule's test) are added to
    /// <paramref name="stopped"/>, and each document's warning ids to <paramref name="warnings"/>, when given.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> RunStylesheet(
        string stylesheet,
        IEnumerable<DifferentialCase> cases,
        string workDirectory,
        ICollection<string>? stopped = null,
        IDictionary<string, IReadOnlySet<string>>? warnings = null)
    {
        var results = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var input = workDirectory + "-in";
        var output = workDirectory + "-svrl";
        Directory.CreateDirectory(input);
        Directory.CreateDirectory(output);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in cases)
        {
            var file = $"{index++:00000}.xml";
            files[file] = item.Name;
            File.WriteAllBytes(Path.Combine(input, file), item.Xml);
        }

        if (files.Count == 0)
        {
            return results;
        }

        // One JVM for the whole folder; a document Saxon cannot process gets no report and shows as a difference.
        ExternalTool.Saxon(stylesheet, input, output);
        foreach (var (file, name) in files)
        {
            var report = Path.Combine(output, file);
            if (!File.Exists(report))
            {
                continue;
            }

            if (Complete(report))
            {
                results[name] = FatalRuleIds(report);
                if (warnings is not null)
                {
                    warnings[name] = WarningRuleIds(report);
                }
            }
            else
            {
                stopped?.Add(name);
            }
        }

        return results;
    }

    /// <summary>A report Saxon finished: one it stopped writing on a dynamic error of the rules is not well-formed.</summary>
    private static bool Complete(string svrlPath)
    {
        try
        {
            XDocument.Load(svrlPath);
            return true;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>The ids of the failed asserts and successful reports flagged fatal (or not flagged at all).</summary>
    public static IReadOnlySet<string> FatalRuleIds(string svrlPath) =>
        RuleIds(svrlPath, flag => flag is not ("warning" or "information" or "info"));

    /// <summary>The ids of the failed asserts and successful reports flagged warning.</summary>
    public static IReadOnlySet<string> WarningRuleIds(string svrlPath) => RuleIds(svrlPath, flag => flag == "warning");

    private static IReadOnlySet<string> RuleIds(string svrlPath, Func<string?, bool> flagged) =>
        XDocument.Load(svrlPath).Descendants()
            .Where(e => e.Name == Svrl + "failed-assert" || e.Name == Svrl + "successful-report")
            .Where(e => flagged(((string?)e.Attribute("flag"))?.ToLowerInvariant()))
            .Select(e => (string?)e.Attribute("id") ?? "?")
            .ToHashSet(StringComparer.Ordinal);
}
