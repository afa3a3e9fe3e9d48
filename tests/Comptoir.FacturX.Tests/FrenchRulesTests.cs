using System.Text;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Inspection;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;
using Comptoir.FacturX.Validation.French;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// What the native French rules report, where, and how they are exposed (the agreement with the official Schematron is
/// <see cref="FrenchDifferentialValidationTests"/>'s): findings with the assert's id, field and location; Validate
/// unchanged; the inspector's errors and warnings.
/// </summary>
public sealed class FrenchRulesTests
{
    private static readonly XNamespace Ram = CiiNamespaces.Ram;
    private static readonly XNamespace Rsm = CiiNamespaces.Rsm;

    public static TheoryData<string> CorpusCases => new(InvoiceCorpus.All.Select(c => c.Name));

    private static XDocument Xml(string corpusCase) => XDocument.Parse(Encoding.UTF8.GetString(CiiWriter.Write(InvoiceCorpus.Get(corpusCase).Invoice)));

    private static byte[] Bytes(XDocument document) => Encoding.UTF8.GetBytes(document.ToString());

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public void Every_generated_invoice_passes_the_french_rules(string name)
    {
        var report = InvoiceValidator.ValidateFrench(CiiWriter.Write(InvoiceCorpus.Get(name).Invoice));

        Assert.Empty(report.Findings);
    }

    [Theory]
    [InlineData(35, false)]
    [InlineData(36, true)]
    public void An_invoice_number_may_have_35_characters_not_36(int length, bool broken)
    {
        var document = Xml("single-line-20");
        document.Root!.Element(Rsm + "ExchangedDocument")!.Element(Ram + "ID")!.Value = "F-" + new string('7', length - 2);

        var findings = InvoiceValidator.ValidateFrench(Bytes(document)).Findings;

        if (broken)
        {
            var finding = Assert.Single(findings);
            Assert.Equal("BR-FR-01_BT-1", finding.RuleId);
            Assert.Equal(FindingSeverity.Fatal, finding.Severity);
            Assert.Equal("BT-1", finding.Field);
            Assert.Equal("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID", finding.Location);
            Assert.StartsWith("BR-FR-01/BT-1 : L'identifiant de facture (ram:ID) ne doit pas dépasser 35 caractères.", finding.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    public void A_credit_note_without_its_preceding_invoice_breaks_BR_FR_CO_05()
    {
        var document = Xml("credit-note");
        Assert.Empty(InvoiceValidator.ValidateFrench(Bytes(document)).Findings);
        document.Descendants(Ram + "InvoiceReferencedDocument").Remove();

        var finding = Assert.Single(InvoiceValidator.ValidateFrench(Bytes(document)).Findings);

        Assert.Equal("BR-FR-CO-05_BT-3", finding.RuleId);
        Assert.Equal("/rsm:CrossIndustryInvoice", finding.Location);
    }

    [Fact]
    public void A_foreign_currency_without_the_vat_total_in_euros_breaks_BR_FR_CO_12()
    {
        var document = Xml("reform-usd-invoice");
        document.Descendants(Ram + "TaxTotalAmount").Where(t => (string?)t.Attribute("currencyID") == "EUR").Remove();

        Assert.Equal(["BR-FR-CO-12_BT-5"], InvoiceValidator.ValidateFrench(Bytes(document)).FatalRuleIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_siren_is_checked_for_its_shape_not_its_checksum_as_the_schematron_does()
    {
        var document = Xml("single-line-20");
        var siren = document.Descendants(Ram + "SellerTradeParty").Elements(Ram + "SpecifiedLegalOrganization").Elements(Ram + "ID").Single();
        siren.Value = "732829321";
        Assert.Empty(InvoiceValidator.ValidateFrench(Bytes(document)).Findings);

        siren.Value = "73282932";
        Assert.Contains("BR-FR-10_BT-30", InvoiceValidator.ValidateFrench(Bytes(document)).FatalRuleIds);
    }

    [Fact]
    public void Validate_still_returns_the_EN16931_rules_only()
    {
        var invoice = InvoiceCorpus.Get("single-line-20").Invoice with { Notes = [] };

        var en16931 = InvoiceValidator.Validate(CiiWriter.Write(invoice));
        var french = InvoiceValidator.ValidateFrench(CiiWriter.Write(invoice));

        Assert.DoesNotContain(en16931.Findings, f => f.RuleId.StartsWith("BR-FR", StringComparison.Ordinal));
        Assert.Equal(["BR-FR-05_BT-22_AAB", "BR-FR-05_BT-22_PMD", "BR-FR-05_BT-22_PMT"], french.FatalRuleIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_french_rules_are_for_cii_and_french_sellers()
    {
        var document = Xml("single-line-20");
        Assert.True(FrenchCtcRules.AppliesTo(document));
        Assert.True(FrenchCtcRules.DeclaresBillingMode(document));

        document.Descendants(Ram + "SellerTradeParty").Elements(Ram + "PostalTradeAddress").Elements(Ram + "CountryID").Single().Value = "DE";
        document.Descendants(Ram + "BusinessProcessSpecifiedDocumentContextParameter").Elements(Ram + "ID").Single().Value = "A1";
        Assert.False(FrenchCtcRules.AppliesTo(document));
        Assert.False(FrenchCtcRules.DeclaresBillingMode(document));

        var ubl = "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>"u8.ToArray();
        var refused = Assert.Throws<InvalidDataException>(() => InvoiceValidator.ValidateFrench(ubl));
        Assert.Contains("CII only", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("S1", true)]
    [InlineData(null, false)]
    public void The_inspector_reports_french_rules_as_errors_under_a_reform_billing_mode_and_as_warnings_otherwise(string? billingMode, bool isError)
    {
        // Written by another tool: Comptoir's generator refuses the reform case (the test below).
        var invoice = InvoiceCorpus.Get("single-line-20").Invoice with { Notes = [], BillingMode = billingMode };
        var pdf = PdfWithXml(CiiWriter.Write(invoice));

        var report = FacturXInspector.Inspect(pdf);

        var pmt = Assert.Single(report.Findings, f => f.Rule == "BR-FR-05_BT-22_PMT");
        Assert.Equal(isError, pmt.IsError);
        Assert.Contains("(at /rsm:CrossIndustryInvoice/rsm:ExchangedDocument)", pmt.Message, StringComparison.Ordinal);
        Assert.Equal(!isError, report.IsValid);
    }

    [Fact]
    public void The_generator_refuses_a_file_breaking_french_rules_under_a_reform_billing_mode_only()
    {
        var withoutNotes = InvoiceCorpus.Get("single-line-20").Invoice with { Notes = [] };
        var generator = new FacturXGenerator(FixedClock.Default);

        var refused = Assert.Throws<Model.InvoiceRuleException>(() => generator.Generate(withoutNotes with { BillingMode = "S1" }));
        Assert.Contains(refused.Violations, v => v.RuleId == "BR-FR-05_BT-22_PMT");
        Assert.NotEmpty(generator.Generate(withoutNotes with { BillingMode = null }).Pdf);
    }

    private static byte[] PdfWithXml(byte[] xml)
    {
        var builder = new Pdf.PdfDocumentBuilder();
        var font = builder.AddFont(Fonts.EmbeddedFonts.Regular);
        builder.AddPage().Text(50, 50, "another tool's invoice", font, 10);
        builder.Attach(new Pdf.PdfAttachment("factur-x.xml", "text/xml", "Alternative", "Factur-X", xml));
        return builder.Build(new Pdf.PdfDocumentInfo { Title = "t", Author = "a", Created = FixedClock.Default.GetUtcNow(), FacturXConformanceLevel = "EN 16931" });
    }

    [Fact]
    public void The_inspector_leaves_a_foreign_seller_to_the_EN16931_rules()
    {
        var invoice = InvoiceCorpus.Get("single-line-20").Invoice with
        {
            Notes = [],
            Seller = InvoiceCorpus.Seller with { Address = InvoiceCorpus.Seller.Address with { CountryCode = "BE" } },
        };

        var report = FacturXInspector.Inspect(new FacturXGenerator(FixedClock.Default).Generate(invoice).Pdf);

        Assert.DoesNotContain(report.Findings, f => f.Rule.StartsWith("BR-FR", StringComparison.Ordinal));
    }
}
