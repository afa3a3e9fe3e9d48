using System.Text.Json;

namespace Comptoir.Cli.Tests;

/// <summary><c>comptoir facturx validate --rules</c>: the French BR-FR rules for a seller in France, or as chosen.</summary>
public sealed class FacturXValidateFrenchRulesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-cli-validate-fr-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The sample invoice (a seller in Paris) as XML, and the same without its recovery-costs mention (PMT).</summary>
    private (string Valid, string WithoutPmt) GenerateXml()
    {
        var json = Path.Combine(_directory, "invoice.json");
        File.WriteAllText(json, SampleInvoiceJson.Build().ToJsonString());
        var xml = Path.Combine(_directory, "valid.xml");
        Assert.Equal(0, CliRun.Invoke("facturx", "generate", "--in", json, "--out", Path.Combine(_directory, "invoice.pdf"), "--xml", xml).ExitCode);

        var text = File.ReadAllText(xml);
        var subject = text.IndexOf("<ram:SubjectCode>PMT</ram:SubjectCode>", StringComparison.Ordinal);
        Assert.True(subject > 0, "the generated XML has a PMT note");
        var start = text.LastIndexOf("<ram:IncludedNote>", subject, StringComparison.Ordinal);
        var end = text.IndexOf("</ram:IncludedNote>", subject, StringComparison.Ordinal) + "</ram:IncludedNote>".Length;
        var broken = Path.Combine(_directory, "no-pmt.xml");
        File.WriteAllText(broken, text[..start] + text[end..]);
        return (xml, broken);
    }

    [Fact]
    public void A_french_sellers_invoice_is_checked_against_both_rule_sets_by_default()
    {
        var (valid, withoutPmt) = GenerateXml();

        var run = CliRun.Invoke("facturx", "validate", valid, withoutPmt);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("valid.xml: OK (CII, EN 16931 + BR-FR rules + Factur-X EN 16931 rules, ", run.Out, StringComparison.Ordinal);
        Assert.Contains("no-pmt.xml: NOT VALID (CII, EN 16931 + BR-FR rules + Factur-X EN 16931 rules, 1 fatal finding(s))", run.Out, StringComparison.Ordinal);
        Assert.Contains("fatal   BR-FR-05_BT-22_PMT BT-22: BR-FR-05/BT-22 : La mention relative aux frais de recouvrement (code PMT) est absente.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_en16931_leaves_the_french_rules_out_and_rules_fr_runs_them_alone()
    {
        var (_, withoutPmt) = GenerateXml();

        var en16931 = CliRun.Invoke("facturx", "validate", withoutPmt, "--rules", "en16931", "--profile", "none");
        var french = CliRun.Invoke("facturx", "validate", withoutPmt, "--rules", "fr", "--profile", "none", "--json");

        Assert.Equal(0, en16931.ExitCode);
        Assert.Contains("no-pmt.xml: OK (CII, EN 16931 rules", en16931.Out, StringComparison.Ordinal);
        Assert.Equal(1, french.ExitCode);
        using var report = JsonDocument.Parse(french.StandardOutput);
        var file = report.RootElement[0];
        Assert.Equal("BR-FR rules", file.GetProperty("rules").GetString());
        var finding = Assert.Single(file.GetProperty("findings").EnumerateArray());
        Assert.Equal("BR-FR-05_BT-22_PMT", finding.GetProperty("rule").GetString());
        Assert.Equal("fatal", finding.GetProperty("severity").GetString());
        Assert.Equal("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument", finding.GetProperty("location").GetString());
    }

    [Fact]
    public void The_french_rules_asked_for_on_ubl_are_reported_as_not_run()
    {
        var ubl = Path.Combine(_directory, "invoice-ubl.xml");
        File.WriteAllText(ubl, "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>");

        var run = CliRun.Invoke("facturx", "validate", ubl, "--rules", "en16931,fr");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("invoice-ubl.xml: NOT VALIDATED: the French BR-FR rules are bound to CII only", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xrechnung")]
    [InlineData("auto,fr")]
    [InlineData("")]
    public void An_unknown_rule_set_is_wrong_usage(string rules)
    {
        var run = CliRun.Invoke("facturx", "validate", Path.Combine(_directory, "any.xml"), "--rules", rules);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--rules", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_the_rules_option()
    {
        var run = CliRun.Invoke("facturx", "validate", "--help");

        Assert.Contains("--rules", run.Out, StringComparison.Ordinal);
        Assert.Contains("BR-FR", run.Out, StringComparison.Ordinal);
    }
}
