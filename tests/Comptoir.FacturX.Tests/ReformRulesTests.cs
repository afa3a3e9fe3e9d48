using System.Xml.Linq;
using Comptoir.FacturX.Layout;
using Comptoir.FacturX.Model;
using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests;

/// <summary>What the generator writes, or refuses to write, for the cases of the French reform issue.</summary>
public sealed class ReformRulesTests
{
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

    public static TheoryData<string> RefusedCases => new(ReformCorpus.Refused().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public void An_invoice_that_would_break_a_fatal_rule_is_refused_naming_the_rule(string name)
    {
        var (_, invoice, rule) = ReformCorpus.Refused().Single(c => c.Name == name);

        var refused = Assert.Throws<InvoiceRuleException>(() => new FacturXGenerator(FixedClock.Default).Generate(invoice));

        Assert.Contains(refused.Violations, v => v.RuleId == rule);
        Assert.StartsWith(rule + ":", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_invoice_can_still_be_printed_as_a_draft()
    {
        var (_, invoice, _) = ReformCorpus.Refused().First();

        var result = new FacturXGenerator(FixedClock.Default).Generate(invoice, new InvoiceLayoutOptions { Draft = true });

        Assert.Null(result.Xml);
    }

    [Fact]
    public void Three_legal_bases_stay_three_on_the_pdf_and_all_named_in_the_single_exempt_row_of_the_xml()
    {
        var invoice = InvoiceCorpus.Get("reform-three-exemption-reasons").Invoice;

        var rows = VatBreakdownByReason.Rows(invoice, invoice.ComputeTotals());
        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Cii.CiiWriter.Write(invoice)));
        var exempt = xml.Descendants(Ram + "ApplicableHeaderTradeSettlement").Elements(Ram + "ApplicableTradeTax")
            .Single(t => t.Element(Ram + "CategoryCode")!.Value == "E");

        Assert.Equal(["VATEX-EU-132", "VATEX-EU-135", "VATEX-EU-132"], rows.Where(r => r.Exemption is not null).Select(r => r.Exemption!.VatexCode));
        Assert.Equal([1200m, 900m, 300m], rows.Where(r => r.Exemption is not null).Select(r => r.TaxableAmount));
        var reason = exempt.Element(Ram + "ExemptionReason")!.Value;
        Assert.Contains("261-4", reason, StringComparison.Ordinal);
        Assert.Contains("261 D", reason, StringComparison.Ordinal);
        Assert.Contains("article 261 du CGI", reason, StringComparison.Ordinal);
        // 261 D is not VATEX-EU-132: no code is written rather than a wrong one.
        Assert.Null(exempt.Element(Ram + "ExemptionReasonCode"));
        Assert.Equal("2400.00", exempt.Element(Ram + "BasisAmount")!.Value);
    }

    [Fact]
    public void Exemption_reasons_sharing_a_code_keep_it()
    {
        var invoice = InvoiceCorpus.Base("F-2026-000300", InvoiceCorpus.Exempt("A", 10m, "S261_4"), InvoiceCorpus.Exempt("B", 20m, "S261"));

        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Cii.CiiWriter.Write(invoice)));

        Assert.Equal("VATEX-EU-132", xml.Descendants(Ram + "ExemptionReasonCode").Single().Value);
    }

    [Fact]
    public void A_usd_invoice_states_its_vat_total_in_euros_too()
    {
        var invoice = InvoiceCorpus.Get("reform-usd-invoice").Invoice;

        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Cii.CiiWriter.Write(invoice)));
        var taxTotals = xml.Descendants(Ram + "TaxTotalAmount").ToList();

        Assert.Equal("EUR", xml.Descendants(Ram + "TaxCurrencyCode").Single().Value);
        Assert.Equal("USD", xml.Descendants(Ram + "InvoiceCurrencyCode").Single().Value);
        Assert.Equal([("1000.00", "USD"), ("921.40", "EUR")], taxTotals.Select(t => (t.Value, t.Attribute("currencyID")!.Value)));
    }

    [Fact]
    public void A_micro_entrepreneur_without_vat_number_is_identified_by_its_tax_registration()
    {
        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Cii.CiiWriter.Write(InvoiceCorpus.Get("reform-293b-micro-entrepreneur").Invoice)));
        var seller = xml.Descendants(Ram + "SellerTradeParty").Single();

        var registration = Assert.Single(seller.Elements(Ram + "SpecifiedTaxRegistration"));
        Assert.Equal("FC", registration.Element(Ram + "ID")!.Attribute("schemeID")!.Value);
    }

    [Theory]
    [InlineData("Conseil", null)]
    [InlineData("Éléphant — Ωmega Привет", null)]
    [InlineData("مرحبا", "Arabic")]
    [InlineData("שלום", "Hebrew")]
    [InlineData("漢字", "CJK")]
    [InlineData("カタカナ", "Japanese")]
    [InlineData("한국어", "Korean")]
    public void Right_to_left_and_cjk_texts_are_named_as_unprintable(string text, string? script)
    {
        var problem = PrintableScripts.Problem(text);

        if (script is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.StartsWith(script, problem, StringComparison.Ordinal);
        }
    }
}
