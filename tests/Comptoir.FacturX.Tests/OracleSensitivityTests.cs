using System.Text;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Inspection;
using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests;

/// <summary>Proof that the oracles and the inspector can fail: broken files are caught.</summary>
public sealed class OracleSensitivityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-negative-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [ConformanceFact]
    public void A_broken_grand_total_fails_EN16931_and_FacturX_rules()
    {
        var input = Path.Combine(_directory, "in");
        Directory.CreateDirectory(input);
        var xml = Encoding.UTF8.GetString(CiiWriter.Write(InvoiceCorpus.Get("single-line-20").Invoice));
        File.WriteAllText(Path.Combine(input, "ours-badtotal.xml"), xml.Replace("<ram:GrandTotalAmount>1800.00<", "<ram:GrandTotalAmount>1900.00<", StringComparison.Ordinal));
        File.Copy(ConformanceDirectory.Facturx("samples", "derived", "EN16931_Einfach_badtotal.xml"), Path.Combine(input, "official-badtotal.xml"));

        foreach (var (label, stylesheet) in new[]
        {
            ("en16931", ConformanceDirectory.Facturx("en16931-cii-1.3.16", "cii", "xslt", "EN16931-CII-validation.xslt")),
            ("fx", ConformanceDirectory.Facturx("facturx-1.08", "schema", "3_Factur-X_1.08_EN16931", "_XSLT_EN16931", "FACTUR-X_EN16931.xslt")),
        })
        {
            var output = Path.Combine(_directory, label);
            Directory.CreateDirectory(output);
            Assert.Equal(0, ExternalTool.Saxon(stylesheet, input, output).ExitCode);
            foreach (var file in new[] { "ours-badtotal.xml", "official-badtotal.xml" })
            {
                var errors = SvrlReport.Errors(Path.Combine(output, file));
                Assert.Contains(errors, e => e.Contains("BR-CO-15", StringComparison.Ordinal) || e.Contains("BR-CO-16", StringComparison.Ordinal));
            }
        }
    }

    [ConformanceFact]
    public void An_invoice_without_the_French_mentions_fails_BR_FR()
    {
        var input = Path.Combine(_directory, "fr-in");
        var output = Path.Combine(_directory, "fr-out");
        Directory.CreateDirectory(input);
        Directory.CreateDirectory(output);
        var invoice = InvoiceCorpus.Get("single-line-20").Invoice with { Notes = [], Seller = InvoiceCorpus.Seller with { LegalId = null } };
        File.WriteAllBytes(Path.Combine(input, "no-mentions.xml"), CiiWriter.Write(invoice));

        var stylesheet = ConformanceDirectory.Facturx("fr-ctc", "akretion", "cii-schematron-fr-ctc", "BR-FR-Flux2-Schematron-CII.xslt");
        Assert.Equal(0, ExternalTool.Saxon(stylesheet, input, output).ExitCode);

        var errors = SvrlReport.Errors(Path.Combine(output, "no-mentions.xml"));
        Assert.Contains(errors, e => e.Contains("BR-FR-05", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("BR-FR-10", StringComparison.Ordinal));
    }

    [Fact]
    public void The_inspector_reports_a_broken_total_inside_a_pdf()
    {
        var generator = new FacturXGenerator(FixedClock.Default);
        var pdf = generator.Generate(InvoiceCorpus.Get("mixed-rates").Invoice).Pdf;
        var text = Encoding.Latin1.GetString(pdf);
        Assert.True(InspectionOf(pdf).IsValid, string.Join("; ", InspectionOf(pdf).Findings));

        // Re-embed a tampered XML: same PDF machinery, wrong figures.
        var xml = Encoding.UTF8.GetString(CiiWriter.Write(InvoiceCorpus.Get("mixed-rates").Invoice));
        var grand = System.Text.RegularExpressions.Regex.Match(xml, "<ram:GrandTotalAmount>([0-9.]+)<").Groups[1].Value;
        var tampered = xml.Replace($"<ram:GrandTotalAmount>{grand}<", "<ram:GrandTotalAmount>1.00<", StringComparison.Ordinal);
        var report = InspectionOf(PdfWithXml(tampered));

        Assert.False(report.IsValid);
        Assert.Contains(report.Findings, f => f.Rule == "BR-CO-15");
        Assert.NotEqual(string.Empty, text);
    }

    private static InspectionReport InspectionOf(byte[] pdf) => FacturXInspector.Inspect(pdf);

    private static byte[] PdfWithXml(string xml)
    {
        var builder = new Pdf.PdfDocumentBuilder();
        var font = builder.AddFont(Fonts.EmbeddedFonts.Regular);
        builder.AddPage().Text(50, 50, "tampered", font, 10);
        builder.Attach(new Pdf.PdfAttachment("factur-x.xml", "text/xml", "Alternative", "Factur-X", Encoding.UTF8.GetBytes(xml)));
        return builder.Build(new Pdf.PdfDocumentInfo { Title = "t", Author = "a", Created = FixedClock.Default.GetUtcNow(), FacturXConformanceLevel = "EN 16931" });
    }
}
