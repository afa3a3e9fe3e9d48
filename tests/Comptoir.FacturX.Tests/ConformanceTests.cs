using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests;

/// <summary>Every corpus invoice passes every official oracle with zero errors.</summary>
public sealed class ConformanceTests(ConformanceRun run) : IClassFixture<ConformanceRun>
{
    public static TheoryData<string> Cases => new(InvoiceCorpus.All.Select(c => c.Name));

    [ConformanceFact]
    public void The_corpus_has_at_least_thirty_invoices()
    {
        Assert.True(InvoiceCorpus.All.Count >= 30, $"only {InvoiceCorpus.All.Count} invoices");
        Assert.Equal(InvoiceCorpus.All.Count, run.Pdfs.Count);
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Xml_passes_XSD_EN16931_FacturX_and_BR_FR_rules(string name)
    {
        Assert.Empty(run.Errors(name));
        Assert.Empty(run.Errors("xsd"));
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Pdf_passes_the_container_checks(string name)
    {
        var pdf = run.Pdfs[name];
        var check = ExternalTool.Run("python3", [Path.Combine(ConformanceDirectory.Require(), "tools", "fx_pdf_check.py"), pdf]);
        Assert.True(check.ExitCode == 0, check.Output + check.Error);

        var qpdf = ExternalTool.Run("qpdf", ["--check", pdf]);
        Assert.True(qpdf.ExitCode == 0, qpdf.Output + qpdf.Error);
        Assert.Contains("No syntax or stream encoding errors", qpdf.Output, StringComparison.Ordinal);

        var fonts = ExternalTool.Run("pdffonts", [pdf]);
        var rows = fonts.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal("yes", row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]));
    }
}
