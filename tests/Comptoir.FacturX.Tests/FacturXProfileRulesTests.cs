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
    public void A_declared_profile_not_implemented_yet_is_skipped_and_an_explicit_one_refused()
    {
        var report = InvoiceValidator.Validate(Generated, new ValidationOptions { FacturXProfileFromGuideline = true });

        Assert.Null(report.FacturXProfile);
        Assert.False(report.HasFatal);
        Assert.Throws<NotSupportedException>(() => InvoiceValidator.Validate(Generated, new ValidationOptions { FacturXProfile = FacturXProfile.Basic }));
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

    [ConformanceFact]
    public void The_official_minimum_sample_passes_its_profile_rules()
    {
        var xml = File.ReadAllBytes(ConformanceDirectory.Facturx("facturx-1.08", "examples", "0. MINIMUM", "MINIMUM_Rechnung", "MINIMUM_Rechnung.xml"));

        var report = InvoiceValidator.Validate(xml, new ValidationOptions { En16931 = false, FacturXProfileFromGuideline = true });

        Assert.Equal(FacturXProfile.Minimum, report.FacturXProfile);
        Assert.Empty(report.Findings);
    }
}
