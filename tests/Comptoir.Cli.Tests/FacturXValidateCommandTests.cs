using System.Text.Json;

namespace Comptoir.Cli.Tests;

public sealed class FacturXValidateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-cli-validate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string GeneratePdf(string name, string? xmlName = null)
    {
        var json = Path.Combine(_directory, name + ".json");
        File.WriteAllText(json, SampleInvoiceJson.Build().ToJsonString());
        var pdf = Path.Combine(_directory, name + ".pdf");
        string[] arguments = xmlName is null
            ? ["facturx", "generate", "--in", json, "--out", pdf]
            : ["facturx", "generate", "--in", json, "--out", pdf, "--xml", Path.Combine(_directory, xmlName)];
        Assert.Equal(0, CliRun.Invoke(arguments).ExitCode);
        return pdf;
    }

    [Fact]
    public void A_generated_pdf_and_its_xml_pass_every_rule()
    {
        var pdf = GeneratePdf("ok", "ok.xml");

        var run = CliRun.Invoke("facturx", "validate", pdf, Path.Combine(_directory, "ok.xml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ok.pdf: OK (CII", run.Out, StringComparison.Ordinal);
        Assert.Contains("ok.xml: OK (CII", run.Out, StringComparison.Ordinal);
        Assert.Contains("Factur-X EN 16931 rules", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_profile_option_runs_the_named_profiles_rules()
    {
        GeneratePdf("declared", "declared.xml");

        var run = CliRun.Invoke("facturx", "validate", Path.Combine(_directory, "declared.xml"), "--profile", "basic");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("declared.xml: NOT VALID (CII, ", run.Out, StringComparison.Ordinal);
        Assert.Contains(" + Factur-X BASIC rules, ", run.Out, StringComparison.Ordinal);
        Assert.Contains("FX-SCH-A-", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invoice_declaring_extended_is_checked_with_the_extended_rules_and_one_declaring_another_profile_breaks_them()
    {
        GeneratePdf("en16931", "en16931.xml");
        var en16931 = Path.Combine(_directory, "en16931.xml");
        var extended = Path.Combine(_directory, "extended.xml");
        File.WriteAllText(extended, File.ReadAllText(en16931).Replace(
            "<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", "<ram:ID>urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended</ram:ID>", StringComparison.Ordinal));

        var declared = CliRun.Invoke("facturx", "validate", extended);
        var named = CliRun.Invoke("facturx", "validate", en16931, "--profile", "extended");

        Assert.Equal(0, declared.ExitCode);
        Assert.Contains("extended.xml: OK (CII, ", declared.Out, StringComparison.Ordinal);
        Assert.Contains(" + Factur-X EXTENDED rules", declared.Out, StringComparison.Ordinal);
        Assert.Equal(1, named.ExitCode);
        Assert.Contains(" + Factur-X EXTENDED rules", named.Out, StringComparison.Ordinal);
        Assert.Contains("FX-SCH-A-000636", named.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_total_is_a_fatal_finding_with_rule_location_and_field_and_exit_1()
    {
        GeneratePdf("source", "source.xml");
        var xml = File.ReadAllText(Path.Combine(_directory, "source.xml"));
        var broken = Path.Combine(_directory, "broken.xml");
        var grand = xml.IndexOf("<ram:GrandTotalAmount>", StringComparison.Ordinal);
        File.WriteAllText(broken, xml[..grand] + "<ram:GrandTotalAmount>1.00</ram:GrandTotalAmount>" + xml[(xml.IndexOf("</ram:GrandTotalAmount>", grand, StringComparison.Ordinal) + "</ram:GrandTotalAmount>".Length)..]);

        var run = CliRun.Invoke("facturx", "validate", broken, "--profile", "none", "--json");

        Assert.Equal(1, run.ExitCode);
        using var report = JsonDocument.Parse(run.StandardOutput);
        var file = report.RootElement[0];
        Assert.False(file.GetProperty("valid").GetBoolean());
        Assert.Equal("CII", file.GetProperty("syntax").GetString());
        var finding = file.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "BR-CO-15");
        Assert.Equal("fatal", finding.GetProperty("severity").GetString());
        Assert.Equal("BT-112", finding.GetProperty("field").GetString());
        Assert.Equal("/rsm:CrossIndustryInvoice", finding.GetProperty("location").GetString());
    }

    [Fact]
    public void A_file_that_is_not_an_invoice_is_reported_and_fails()
    {
        var text = Path.Combine(_directory, "notes.xml");
        File.WriteAllText(text, "<notes><note>hello</note></notes>");

        var run = CliRun.Invoke("facturx", "validate", text, Path.Combine(_directory, "missing.pdf"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("notes.xml: NOT VALIDATED: Neither CII nor UBL", run.Out, StringComparison.Ordinal);
        Assert.Contains("missing.pdf: NOT VALIDATED: no such file", run.Out, StringComparison.Ordinal);
    }
}
