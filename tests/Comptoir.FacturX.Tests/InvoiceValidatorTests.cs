using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;

namespace Comptoir.FacturX.Tests;

/// <summary>What the native validator reports, in the cases issue 17 names (the Schematron agreement itself is
/// proved by <see cref="DifferentialValidationTests"/>).</summary>
public sealed class InvoiceValidatorTests
{
    [Fact]
    public void Every_generated_invoice_passes()
    {
        foreach (var corpusCase in InvoiceCorpus.All)
        {
            var report = InvoiceValidator.Validate(CiiWriter.Write(corpusCase.Invoice));
            Assert.True(!report.HasFatal, $"{corpusCase.Name}: {string.Join("; ", report.Findings)}");
            Assert.Equal(InvoiceSyntax.Cii, report.Syntax);
        }
    }

    [Fact]
    public void Outside_the_scope_of_VAT_with_a_seller_VAT_number_breaks_BR_O_02_at_the_line()
    {
        var invoice = InvoiceCorpus.Get("not-subject-to-vat").Invoice with { Seller = InvoiceCorpus.Seller };

        var report = InvoiceValidator.Validate(CiiWriter.Write(invoice));

        var finding = Assert.Single(report.Findings, f => f.RuleId == "BR-O-02");
        Assert.Equal(FindingSeverity.Fatal, finding.Severity);
        Assert.StartsWith("An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Not subject to VAT\"", finding.Message, StringComparison.Ordinal);
        Assert.Equal("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax", finding.Location);
        Assert.Contains("BR-O-02", report.FatalRuleIds);
    }

    [Fact]
    public void Not_subject_to_VAT_mixed_with_standard_rate_breaks_BR_O_11_and_BR_O_12()
    {
        var notSubject = InvoiceCorpus.Get("not-subject-to-vat").Invoice;
        var invoice = notSubject with { Lines = [.. notSubject.Lines, InvoiceCorpus.Item("Conseil", 1m, 100m, 0.20m)], Seller = InvoiceCorpus.Seller };

        var ids = InvoiceValidator.Validate(CiiWriter.Write(invoice)).FatalRuleIds;

        Assert.Contains("BR-O-11", ids);
        Assert.Contains("BR-O-12", ids);
    }

    [Fact]
    public void A_wrong_line_total_is_located_on_the_summation_with_its_business_term()
    {
        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(CiiWriter.Write(InvoiceCorpus.Get("mixed-rates").Invoice)));
        var total = document.Descendants(XName.Get("LineTotalAmount", CiiNamespaces.Ram)).Last();
        total.Value = "1.00";

        var report = InvoiceValidator.Validate(document);

        var finding = Assert.Single(report.Findings, f => f.RuleId == "BR-CO-10");
        Assert.Equal("BT-106", finding.Field);
        Assert.EndsWith("/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation", finding.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_neither_CII_nor_UBL_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => InvoiceValidator.Validate("<Order xmlns='urn:example'/>"u8.ToArray()));
        Assert.Contains("Neither CII nor UBL", error.Message, StringComparison.Ordinal);
    }

    [ConformanceFact]
    public void The_official_UBL_credit_note_example_is_read_as_UBL_and_passes()
    {
        var report = InvoiceValidator.Validate(File.ReadAllBytes(ConformanceDirectory.Facturx("en16931-ubl-1.3.16", "examples", "ubl-tc434-creditnote1.xml")));

        Assert.Equal(InvoiceSyntax.Ubl, report.Syntax);
        Assert.False(report.HasFatal, string.Join("; ", report.Findings));
    }
}
