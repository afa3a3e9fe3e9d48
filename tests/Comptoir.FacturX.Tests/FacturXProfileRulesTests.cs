using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.FacturX.Tests;

/// <summary>How the Factur-X profile rules are chosen and what they report (their agreement with the official
/// Schematron is proved by <see cref="FacturXDifferentialTests"/>).</summary>
public sealed class FacturXProfileRulesTests
{
    private static readonly byte[] Generated = CiiWriter.Write(InvoiceCorpus.All[0].Invoice);

    [Theory]
    [InlineData("urn:factur-x.eu:1p0:minimum", FacturXProfile.Minimum)]
    [InlineData(" urn:zugferd.de:2p0:minimum ", FacturXProfile.Minimum)]
    [InlineData("urn:factur-x.eu:1p0:basicwl", FacturXProfile.BasicWl)]
    [InlineData("urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", FacturXProfile.Basic)]
    [InlineData("urn:cen.eu:en16931:2017", FacturXProfile.En16931)]
    [InlineData("urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended", FacturXProfile.Extended)]
    public void The_profile_is_read_from_the_guideline_id(string guideline, FacturXProfile expected) =>
        Assert.Equal(expected, FacturXProfileIds.FromGuideline(guideline));

    [Fact]
    public void An_unknown_guideline_names_no_profile() =>
        Assert.Null(FacturXProfileIds.FromGuideline("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"));

    [Fact]
    public void The_default_options_give_what_validate_without_options_gives()
    {
        var plain = InvoiceValidator.Validate(Generated);
        var withOptions = InvoiceValidator.Validate(Generated, new ValidationOptions());

        Assert.Equal(plain.Findings, withOptions.Findings);
        Assert.Null(withOptions.FacturXProfile);
    }

    [Fact]
    public void A_declared_extended_profile_is_checked_with_the_extended_rules()
    {
        var extended = Edited(d => Single(d, "GuidelineSpecifiedDocumentContextParameter", "ID").Value = "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended");

        var report = InvoiceValidator.Validate(extended, new ValidationOptions { En16931 = false, FacturXProfileFromGuideline = true });

        Assert.Equal(FacturXProfile.Extended, report.FacturXProfile);
        Assert.False(report.HasFatal, string.Join('\n', report.Findings.Select(f => $"{f.RuleId} {f.Location}")));
    }

    [Fact]
    public void An_extended_invoice_whose_detail_line_has_no_quantity_breaks_the_extended_rules()
    {
        var extended = Edited(d =>
        {
            Single(d, "GuidelineSpecifiedDocumentContextParameter", "ID").Value = "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended";
            d.Descendants(XName.Get("BilledQuantity", CiiNamespaces.Ram)).First().Remove();
        });

        var report = InvoiceValidator.Validate(extended, new ValidationOptions { En16931 = false, FacturXProfile = FacturXProfile.Extended });

        Assert.Contains("BR-FXEXT-BR-22", report.FatalRuleIds);
        Assert.DoesNotContain("BR-22", report.FatalRuleIds);
    }

    [Fact]
    public void A_minimum_invoice_with_a_buyer_address_and_no_buyer_name_breaks_the_minimum_rules()
    {
        var document = XDocument.Load(new MemoryStream(Generated));
        XNamespace ram = CiiNamespaces.Ram;
        document.Descendants(ram + "GuidelineSpecifiedDocumentContextParameter").Elements(ram + "ID").Single().Value = "urn:factur-x.eu:1p0:minimum";
        document.Descendants(ram + "BuyerTradeParty").Elements(ram + "Name").Remove();
        var xml = new MemoryStream();
        document.Save(xml);

        var report = InvoiceValidator.Validate(xml.ToArray(), new ValidationOptions { En16931 = false, FacturXProfileFromGuideline = true });

        Assert.Equal(FacturXProfile.Minimum, report.FacturXProfile);
        Assert.Contains("BR-07", report.FatalRuleIds);
        var cardinality = Assert.Single(report.Findings, f => f.RuleId == "FX-SCH-A-000030");
        Assert.Equal("Element 'ram:Name' must occur exactly 1 times.", cardinality.Message);
        Assert.Contains(report.Findings, f => f.RuleId == "FX-ELEMENT-NOT-USED"
            && f.Location == "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:PostalTradeAddress");
    }

    [Fact]
    public void A_generated_invoice_declares_the_en16931_profile_and_passes_its_rules()
    {
        var report = InvoiceValidator.Validate(Generated, new ValidationOptions { En16931 = false, FacturXProfileFromGuideline = true });

        Assert.Equal(FacturXProfile.En16931, report.FacturXProfile);
        Assert.False(report.HasFatal, string.Join('\n', report.Findings.Select(f => $"{f.RuleId} {f.Location}")));
    }

    [Fact]
    public void The_en16931_profile_binds_br_06_without_normalising_space_where_the_cen_rule_normalises_it()
    {
        var blankSeller = Edited(d => Single(d, "SellerTradeParty", "Name").Value = " ");

        var cen = InvoiceValidator.Validate(blankSeller, new ValidationOptions());
        var profile = InvoiceValidator.Validate(blankSeller, new ValidationOptions { En16931 = false, FacturXProfile = FacturXProfile.En16931 });

        Assert.Contains("BR-06", cen.FatalRuleIds);
        Assert.DoesNotContain("BR-06", profile.FatalRuleIds);
    }

    [Fact]
    public void The_en16931_profile_checks_every_vat_breakdown_where_the_cen_rules_let_a_not_subject_one_skip_br_45()
    {
        var notSubject = Edited(d =>
        {
            XNamespace ram = CiiNamespaces.Ram;
            var breakdown = d.Descendants(ram + "ApplicableHeaderTradeSettlement").Elements(ram + "ApplicableTradeTax").First();
            breakdown.Element(ram + "CategoryCode")!.Value = "O";
            breakdown.Element(ram + "BasisAmount")!.Remove();
        });

        var cen = InvoiceValidator.Validate(notSubject, new ValidationOptions());
        var profile = InvoiceValidator.Validate(notSubject, new ValidationOptions { En16931 = false, FacturXProfile = FacturXProfile.En16931 });

        Assert.DoesNotContain("BR-45", cen.FatalRuleIds);
        Assert.Contains("BR-45", profile.FatalRuleIds);
    }

    [Fact]
    public void The_en16931_profile_reports_an_additional_document_of_a_type_it_does_not_use()
    {
        var other = Edited(d =>
        {
            XNamespace ram = CiiNamespaces.Ram;
            d.Descendants(ram + "ApplicableHeaderTradeAgreement").Single().Add(
                new XElement(ram + "AdditionalReferencedDocument", new XElement(ram + "IssuerAssignedID", "A-1"), new XElement(ram + "TypeCode", "999")));
        });

        var report = InvoiceValidator.Validate(other, new ValidationOptions { En16931 = false, FacturXProfile = FacturXProfile.En16931 });

        Assert.Contains(report.Findings, f => f.RuleId == "FX-ELEMENT-NOT-USED"
            && f.Location.StartsWith("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:AdditionalReferencedDocument", StringComparison.Ordinal));
    }

    [Fact]
    public void The_basic_wl_rules_leave_the_line_rules_out_that_the_en16931_profile_has()
    {
        var noLineId = Edited(d =>
        {
            XNamespace ram = CiiNamespaces.Ram;
            d.Descendants(ram + "AssociatedDocumentLineDocument").Elements(ram + "LineID").First().Remove();
        });

        var en16931 = InvoiceValidator.Validate(noLineId, new ValidationOptions { En16931 = false, FacturXProfile = FacturXProfile.En16931 });
        var basicWl = InvoiceValidator.Validate(noLineId, new ValidationOptions { En16931 = false, FacturXProfile = FacturXProfile.BasicWl });

        Assert.Contains("BR-21", en16931.FatalRuleIds);
        Assert.DoesNotContain("BR-21", basicWl.FatalRuleIds);
        Assert.Equal(FacturXProfile.BasicWl, basicWl.FacturXProfile);
    }

    private static XElement Single(XDocument document, string parent, string child)
    {
        XNamespace ram = CiiNamespaces.Ram;
        return document.Descendants(ram + parent).Elements(ram + child).Single();
    }

    private static byte[] Edited(Action<XDocument> edit)
    {
        var document = XDocument.Load(new MemoryStream(Generated));
        edit(document);
        var xml = new MemoryStream();
        document.Save(xml);
        return xml.ToArray();
    }

    [ConformanceFact]
    public void The_official_minimum_sample_passes_its_profile_rules()
    {
        var xml = File.ReadAllBytes(ConformanceDirectory.Facturx("facturx-1.08", "examples", "0. MINIMUM", "MINIMUM_Rechnung", "MINIMUM_Rechnung.xml"));

        var report = InvoiceValidator.Validate(xml, new ValidationOptions { En16931 = false, FacturXProfileFromGuideline = true });

        Assert.Equal(FacturXProfile.Minimum, report.FacturXProfile);
        Assert.Empty(report.Findings);
    }
}
