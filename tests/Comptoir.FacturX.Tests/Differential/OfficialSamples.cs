using System.Xml.Linq;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;

namespace Comptoir.FacturX.Tests.Differential;

/// <summary>
/// Every official sample the differential test runs on: the EN 16931 CII and UBL examples, the Factur-X 1.08
/// examples (the XML files and the XML embedded in their PDFs), the Mustang samples, and each test document of
/// the one-file-per-rule unit tests (CII and UBL, invoices and credit notes), taken out of its vefa testSet.
/// </summary>
public static class OfficialSamples
{
    private static readonly XNamespace Vefa = "http://difi.no/xsd/vefa/validator/1.0";

    public static IReadOnlyList<DifferentialCase> Load()
    {
        var cases = new List<DifferentialCase>();
        AddXmlFiles(cases, "cii-example", ConformanceDirectory.Facturx("en16931-cii-1.3.16", "cii", "examples"));
        AddXmlFiles(cases, "ubl-example", ConformanceDirectory.Facturx("en16931-ubl-1.3.16", "examples"));
        AddXmlFiles(cases, "facturx-1.08", ConformanceDirectory.Facturx("facturx-1.08", "examples"));
        AddXmlFiles(cases, "samples", ConformanceDirectory.Facturx("samples"));
        AddPdfs(cases, "facturx-1.08-pdf", ConformanceDirectory.Facturx("facturx-1.08", "examples"));
        AddPdfs(cases, "samples-pdf", ConformanceDirectory.Facturx("samples"));
        AddUnitTests(cases, "cii-unit", ConformanceDirectory.Facturx("en16931-cii-1.3.16", "test"));
        AddUnitTests(cases, "ubl-unit", ConformanceDirectory.Facturx("en16931-ubl-1.3.16", "tests"));
        return cases;
    }

    /// <summary>The syntax of a document by its root element; null when it is neither (a stray XML file).</summary>
    public static InvoiceSyntax? SyntaxOf(XElement root) => root.Name.NamespaceName switch
    {
        "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" when root.Name.LocalName == "CrossIndustryInvoice" => InvoiceSyntax.Cii,
        "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" or "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" => InvoiceSyntax.Ubl,
        _ => null,
    };

    private static void AddXmlFiles(List<DifferentialCase> cases, string prefix, string directory)
    {
        foreach (var path in Files(directory, "*.xml", "*.XML"))
        {
            var bytes = File.ReadAllBytes(path);
            if (SyntaxOf(XDocument.Load(new MemoryStream(bytes)).Root!) is { } syntax)
            {
                cases.Add(new DifferentialCase($"{prefix}/{Relative(directory, path)}", syntax, bytes));
            }
        }
    }

    private static void AddPdfs(List<DifferentialCase> cases, string prefix, string directory)
    {
        foreach (var path in Files(directory, "*.pdf"))
        {
            EmbeddedFile? embedded;
            try
            {
                embedded = PdfAttachments.FindInvoiceXml(File.ReadAllBytes(path));
            }
            catch (InvalidDataException)
            {
                continue; // Deliberately broken PDFs of the Mustang suite.
            }

            if (embedded is not null && SyntaxOf(XDocument.Load(new MemoryStream(embedded.Content)).Root!) is { } syntax)
            {
                cases.Add(new DifferentialCase($"{prefix}/{Relative(directory, path)}", syntax, embedded.Content));
            }
        }
    }

    private static void AddUnitTests(List<DifferentialCase> cases, string prefix, string directory)
    {
        foreach (var path in Files(directory, "*.xml"))
        {
            var tests = XDocument.Load(path).Root!.Elements(Vefa + "test").ToList();
            for (var i = 0; i < tests.Count; i++)
            {
                var invoice = tests[i].Elements().FirstOrDefault(e => e.Name.Namespace != Vefa);
                if (invoice is not null && SyntaxOf(invoice) is { } syntax)
                {
                    var copy = new XDocument(new XElement(invoice));
                    var stream = new MemoryStream();
                    copy.Save(stream);
                    cases.Add(new DifferentialCase($"{prefix}/{Relative(directory, path)}#{i + 1}", syntax, stream.ToArray()));
                }
            }
        }
    }

    private static IEnumerable<string> Files(string directory, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(directory, p, SearchOption.AllDirectories)).Distinct().Order(StringComparer.Ordinal);

    private static string Relative(string directory, string path) => Path.GetRelativePath(directory, path).Replace('\\', '/');
}
