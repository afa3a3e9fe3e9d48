using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.FacturX.Reading;

namespace Comptoir.Cli.Tests;

public sealed class FacturXCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Generate_then_extract_then_inspect()
    {
        var json = Write("invoice.json", SampleInvoiceJson.Build().ToJsonString());
        var pdf = Path.Combine(_directory, "out", "invoice.pdf");

        var generate = CliRun.Invoke("facturx", "generate", "--in", json, "--out", pdf);
        Assert.Equal(0, generate.ExitCode);
        Assert.Contains("Factur-X EN 16931", generate.Out, StringComparison.Ordinal);
        Assert.NotNull(PdfAttachments.FindInvoiceXml(File.ReadAllBytes(pdf)));

        var extract = CliRun.Invoke("facturx", "extract", pdf);
        Assert.Equal(0, extract.ExitCode);
        Assert.StartsWith("<?xml", extract.RawText, StringComparison.Ordinal);
        Assert.Contains("<ram:ID>F-2026-000291</ram:ID>", extract.RawText, StringComparison.Ordinal);

        var inspect = CliRun.Invoke("facturx", "inspect", pdf, "--json");
        Assert.Equal(0, inspect.ExitCode);
        using var report = JsonDocument.Parse(inspect.StandardOutput);
        Assert.True(report.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("1814.85", report.RootElement.GetProperty("totals").GetProperty("grand_total").GetString());
        Assert.Equal("EN 16931", report.RootElement.GetProperty("profile").GetString());
    }

    [Fact]
    public void A_draft_pdf_has_no_xml_and_extract_says_so()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["status"] = "draft";
        var json = Write("draft.json", root.ToJsonString());
        var pdf = Path.Combine(_directory, "draft.pdf");

        Assert.Equal(0, CliRun.Invoke("facturx", "generate", "--in", json, "--out", pdf).ExitCode);

        var extract = CliRun.Invoke("facturx", "extract", pdf);
        Assert.Equal(1, extract.ExitCode);
        Assert.Contains("no factur-x.xml", extract.Error, StringComparison.Ordinal);

        var inspect = CliRun.Invoke("facturx", "inspect", pdf);
        Assert.Equal(1, inspect.ExitCode);
        Assert.Contains("FX-ATTACHMENT", inspect.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_json_gives_one_line_with_the_field_and_exit_3()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["items"]![0]!["quantity"] = "1e3";
        var json = Write("bad.json", root.ToJsonString());

        var run = CliRun.Invoke("facturx", "generate", "--in", json, "--out", Path.Combine(_directory, "x.pdf"));

        Assert.Equal(3, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("/client_invoice/items/0/quantity", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "x.pdf")));
    }

    [Theory]
    [InlineData("facturx", "generate", "--bogus")]
    [InlineData("facturx", "generate", "--in")]
    [InlineData("nonsense")]
    [InlineData("facturx", "generate", "--in", "a.json", "--out", "b.pdf", "--language", "de")]
    public void Wrong_usage_exits_2_without_a_stack_trace(params string[] args)
    {
        var run = CliRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("comptoir:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_non_pdf_files_are_clear_errors()
    {
        var missing = CliRun.Invoke("facturx", "inspect", Path.Combine(_directory, "none.pdf"));
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);

        var notPdf = Write("text.pdf", "hello");
        var run = CliRun.Invoke("facturx", "extract", notPdf);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("not a PDF", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_facturx_subcommand()
    {
        var run = CliRun.Invoke("facturx", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var name in new[] { "generate", "extract", "inspect" })
        {
            Assert.Contains(name, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_json_is_not_mutated_by_extra_unknown_fields()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["einvoicing_lifecycle_events"] = new JsonArray();
        root.Invoice()["credit_notes_ids"] = new JsonArray("3c90c3cc-0d44-4b50-8888-8dd25736052a");
        var json = Write("extra.json", root.ToJsonString());

        Assert.Equal(0, CliRun.Invoke("facturx", "generate", "--in", json, "--out", Path.Combine(_directory, "e.pdf")).ExitCode);
    }
}
