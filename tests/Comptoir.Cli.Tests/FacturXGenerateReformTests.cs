using System.Text.Json.Nodes;

namespace Comptoir.Cli.Tests;

/// <summary>
/// <c>comptoir facturx generate</c> on the French reform's cases: an invoice that would break a fatal EN 16931 rule
/// is refused naming the rule and writes nothing; a foreign currency needs its EUR rate; unprintable scripts are
/// refused; a micro-entrepreneur without VAT number and a VAT-on-debits organization get valid, complete invoices.
/// </summary>
public sealed class FacturXGenerateReformTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-cli-reform-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Services_outside_french_vat_from_a_seller_with_a_vat_number_are_refused_naming_BR_O_02()
    {
        var root = SampleInvoiceJson.Build();
        OutsideScope(root);

        var (run, pdf) = Generate(root);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("BR-O-02: ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));
    }

    [Fact]
    public void A_french_seller_breaking_a_french_rule_that_en_16931_lacks_is_refused_naming_it()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["client"]!["e_invoicing_address"] = "acme 0001"; // a space: BR-FR-23 forbids it, EN 16931 does not

        var (run, pdf) = Generate(root);

        Assert.Equal(3, run.ExitCode);
        Assert.True(run.Error.Contains("BR-FR-23", StringComparison.Ordinal), run.Error);
        Assert.False(File.Exists(pdf));
    }

    [Fact]
    public void Services_outside_french_vat_mixed_with_taxed_lines_are_refused_naming_BR_O_11()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["items"]![0]!["vat_rate"] = "0";
        root.Invoice()["items"]![0]!["vat_exemption_reason"] = "S259B";
        root.Invoice()["organization"]!.AsObject().Remove("vat_number");

        var (run, pdf) = Generate(root);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("BR-O-11: ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));
    }

    [Fact]
    public void A_micro_entrepreneur_without_vat_number_gets_an_invoice_identified_by_its_siren()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["organization"]!.AsObject().Remove("vat_number");
        foreach (var item in root.Invoice()["items"]!.AsArray())
        {
            item!["vat_rate"] = "0";
            item["vat_exemption_reason"] = "S293B";
        }

        var xml = Path.Combine(_directory, "franchise.xml");
        var (run, pdf) = Generate(root, "--xml", xml);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(pdf));
        Assert.Contains("<ram:ID schemeID=\"FC\">732829320</ram:ID>", File.ReadAllText(xml), StringComparison.Ordinal);
        Assert.Contains("VATEX-FR-FRANCHISE", File.ReadAllText(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_currency_needs_its_euro_rate_and_then_states_the_vat_in_euros()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["currency"] = "USD";

        var (refused, _) = Generate(root);
        root.Invoice()["euro_exchange_rate"] = "0.92";
        var xml = Path.Combine(_directory, "usd.xml");
        var (run, _) = Generate(root, "--xml", xml);

        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("/client_invoice/currency: ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("euro_exchange_rate", refused.Error, StringComparison.Ordinal);
        Assert.Contains("BR-FR-CO-12", refused.Error, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.Error);
        var text = File.ReadAllText(xml);
        Assert.Contains("<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>", text, StringComparison.Ordinal);
        Assert.Contains("<ram:InvoiceCurrencyCode>USD</ram:InvoiceCurrencyCode>", text, StringComparison.Ordinal);
        Assert.Contains("currencyID=\"EUR\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("فاتورة", "Arabic")]
    [InlineData("חשבונית", "Hebrew")]
    [InlineData("請求書", "CJK")]
    public void Unprintable_scripts_are_refused_naming_the_field(string title, string script)
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["items"]![0]!["title"] = title;

        var (run, pdf) = Generate(root);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("/client_invoice/items/0/title: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(script, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));
    }

    [Fact]
    public void Vat_on_debits_prints_its_mention()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["organization"]!["vat_payment_condition"] = "on_debits";

        var (run, pdf) = Generate(root);

        Assert.True(run.ExitCode == 0, run.Error);
        var text = PdfText(pdf);
        Assert.Contains("Option pour le paiement de la TVA d'après les débits", text, StringComparison.Ordinal);
        Assert.Contains("Livraison de biens", text, StringComparison.Ordinal);
        Assert.Contains("heures", text, StringComparison.Ordinal);
    }

    private static void OutsideScope(JsonObject root)
    {
        foreach (var item in root.Invoice()["items"]!.AsArray())
        {
            item!["vat_rate"] = "0";
            item["vat_exemption_reason"] = "S259B";
        }
    }

    private (CliRun Run, string Pdf) Generate(JsonObject root, params string[] extra)
    {
        var input = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(input, root.ToJsonString());
        var pdf = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".pdf");
        return (CliRun.Invoke(["facturx", "generate", "--in", input, "--out", pdf, .. extra]), pdf);
    }

    private static string PdfText(string pdf)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", pdf, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}
