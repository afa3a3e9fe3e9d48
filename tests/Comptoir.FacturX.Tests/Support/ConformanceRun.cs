using System.Collections.Concurrent;
using Comptoir.FacturX.Layout;
using Comptoir.FacturX.Reading;

namespace Comptoir.FacturX.Tests.Support;

/// <summary>
/// Generates the whole corpus once, then runs every official oracle over it in batch (one JVM per rule set, as the
/// conformance README advises): the Factur-X 1.08 EN 16931 XSD, the EN 16931 CII rules 1.3.16, the Factur-X 1.08
/// and 1.09.2 EN 16931 rules, the French BR-FR rules, and per PDF fx_pdf_check.py and qpdf --check.
/// </summary>
public sealed class ConformanceRun : IDisposable
{
    public ConformanceRun()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("comptoir-conformance-").FullName;
        if (ConformanceDirectory.Path is null)
        {
            return; // The tests report the missing folder themselves.
        }

        var xmlDirectory = System.IO.Path.Combine(Directory, "xml");
        System.IO.Directory.CreateDirectory(xmlDirectory);
        var generator = new FacturXGenerator(FixedClock.Default);
        foreach (var corpusCase in InvoiceCorpus.All)
        {
            var result = generator.Generate(corpusCase.Invoice, new InvoiceLayoutOptions { Language = corpusCase.Language });
            var pdfPath = System.IO.Path.Combine(Directory, corpusCase.Name + ".pdf");
            File.WriteAllBytes(pdfPath, result.Pdf);
            // The XML validated is the one read back out of the PDF, so the reader is exercised too.
            var embedded = PdfAttachments.FindInvoiceXml(result.Pdf) ?? throw new InvalidOperationException($"{corpusCase.Name}: no factur-x.xml in the PDF");
            File.WriteAllBytes(System.IO.Path.Combine(xmlDirectory, corpusCase.Name + ".xml"), embedded.Content);
            Pdfs[corpusCase.Name] = pdfPath;
        }

        RunXsd(xmlDirectory);
        var ruleSets = new Dictionary<string, string>
        {
            ["EN16931-CII-1.3.16"] = ConformanceDirectory.Facturx("en16931-cii-1.3.16", "cii", "xslt", "EN16931-CII-validation.xslt"),
            ["FACTUR-X-1.08-EN16931"] = ConformanceDirectory.Facturx("facturx-1.08", "schema", "3_Factur-X_1.08_EN16931", "_XSLT_EN16931", "FACTUR-X_EN16931.xslt"),
            ["FACTUR-X-1.09.2-EN16931"] = ConformanceDirectory.Facturx("facturx-1.09.2", "xslt", "FACTUR-X_EN16931.xslt"),
            ["BR-FR-FLUX2"] = ConformanceDirectory.Facturx("fr-ctc", "akretion", "cii-schematron-fr-ctc", "BR-FR-Flux2-Schematron-CII.xslt"),
        };
        Parallel.ForEach(ruleSets, new ParallelOptions { MaxDegreeOfParallelism = 2 }, ruleSet =>
        {
            var output = System.IO.Path.Combine(Directory, "svrl-" + ruleSet.Key);
            System.IO.Directory.CreateDirectory(output);
            var run = ExternalTool.Saxon(ruleSet.Value, xmlDirectory, output);
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"Saxon failed on {ruleSet.Key}: {run.Error}");
            }

            foreach (var corpusCase in InvoiceCorpus.All)
            {
                foreach (var error in SvrlReport.Errors(System.IO.Path.Combine(output, corpusCase.Name + ".xml")))
                {
                    Errors(corpusCase.Name).Add($"[{ruleSet.Key}] {error}");
                }
            }
        });
    }

    public string Directory { get; }

    public ConcurrentDictionary<string, string> Pdfs { get; } = new();

    private ConcurrentDictionary<string, ConcurrentBag<string>> ErrorsByCase { get; } = new();

    public ConcurrentBag<string> Errors(string caseName) => ErrorsByCase.GetOrAdd(caseName, _ => []);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("COMPTOIR_KEEP_CONFORMANCE_OUTPUT") is null)
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private void RunXsd(string xmlDirectory)
    {
        var schema = ConformanceDirectory.Facturx("facturx-1.08", "schema", "3_Factur-X_1.08_EN16931", "FACTUR-X_EN16931.xsd");
        var files = InvoiceCorpus.All.Select(c => System.IO.Path.Combine(xmlDirectory, c.Name + ".xml")).ToList();
        var run = ExternalTool.Run("xmllint", ["--noout", "--schema", schema, .. files]);
        foreach (var line in run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.EndsWith(" validates", StringComparison.Ordinal))
            {
                continue;
            }

            var owner = InvoiceCorpus.All.FirstOrDefault(c => line.Contains(System.IO.Path.DirectorySeparatorChar + c.Name + ".xml", StringComparison.Ordinal));
            Errors(owner?.Name ?? "xsd").Add("[XSD] " + line);
        }
    }
}
