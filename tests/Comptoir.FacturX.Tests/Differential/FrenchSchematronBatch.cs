using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests.Differential;

/// <summary>
/// Runs the official French CTC Schematron (BR-FR Flux 2, compiled XSLT 2.0, CII only) over a corpus in batch: the
/// documents are written to one folder and Saxon is started once over it. The result is, per document, the set of
/// fatal rule ids of its SVRL report; a document Saxon could not process (no report, or one cut short by a dynamic
/// error) has no entry, and what Saxon said is kept in <paramref name="saxonErrors"/>.
/// </summary>
public static class FrenchSchematronBatch
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Run(IReadOnlyList<DifferentialCase> cases, string workDirectory, out string saxonErrors)
    {
        var stylesheet = ConformanceDirectory.Facturx("fr-ctc", "akretion", "cii-schematron-fr-ctc", "BR-FR-Flux2-Schematron-CII.xslt");
        var input = Path.Combine(workDirectory, "fr-in");
        var output = Path.Combine(workDirectory, "fr-svrl");
        Directory.CreateDirectory(input);
        Directory.CreateDirectory(output);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in cases)
        {
            var file = $"{files.Count:00000}.xml";
            files[file] = item.Name;
            File.WriteAllBytes(Path.Combine(input, file), item.Xml);
        }

        saxonErrors = ExternalTool.Saxon(stylesheet, input, output).Error;
        var results = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (file, name) in files)
        {
            var report = Path.Combine(output, file);
            if (!File.Exists(report))
            {
                continue;
            }

            try
            {
                results[name] = SchematronBatch.FatalRuleIds(report);
            }
            catch (System.Xml.XmlException)
            {
                // Saxon stopped writing this report on a dynamic error: no verdict to compare with.
            }
        }

        return results;
    }
}
