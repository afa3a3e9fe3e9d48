using System.Xml.Linq;
using Comptoir.Core.Invoicing;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Model;
using Comptoir.FacturX.Validation;
using Comptoir.Server.ClientInvoices;

namespace Comptoir.Server.Tests;

/// <summary>Where a validator finding points in a client invoice request (the pointer of the 422's error).</summary>
public sealed class FindingPointersTests
{
    private static readonly PostalAddress Paris = new() { Line1 = "1 rue de la Paix", PostCode = "75002", City = "Paris", CountryCode = "FR" };

    private static readonly InvoiceDocument Invoice = new()
    {
        Number = "F-1",
        IssueDate = new DateOnly(2026, 3, 19),
        Seller = new Party { Name = "Demo SAS", Address = Paris },
        Buyer = new Party { Name = "Acme", Address = Paris },
        Lines =
        [
            new InvoiceItem { Title = "Standard", Quantity = 1m, UnitPrice = 10m, VatRate = 0.20m },
            new InvoiceItem { Title = "Outside scope", Quantity = 1m, UnitPrice = 10m, VatRate = 0m, VatCategory = VatCategory.NotSubject, Exemption = new VatExemption("S259B", VatCategory.NotSubject, "VATEX-EU-O", "Article 259 B du CGI") },
        ],
    };

    private static readonly XDocument Xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(CiiWriter.Write(Invoice)));

    private static string PointerOf(string location, string? field = null) =>
        FindingPointers.ClientInvoice.Of(new ValidationFinding("R", FindingSeverity.Fatal, "m", location, field), Invoice, Xml);

    [Theory]
    [InlineData("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem[2]/ram:SpecifiedTradeProduct/ram:Name", "/items/1/title")]
    [InlineData("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem[1]/ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode", "/items/0/quantity")]
    [InlineData("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem[1]/ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax", "/items/0/vat_rate")]
    [InlineData("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem[2]", "/items/1")]
    [InlineData("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty", "/client_id")]
    [InlineData("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty", "/settings")]
    [InlineData("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID", "/number")]
    [InlineData("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradePaymentTerms", "/due_date")]
    [InlineData("/rsm:CrossIndustryInvoice", "")]
    public void A_location_points_to_the_request_field_it_comes_from(string location, string pointer) =>
        Assert.Equal(pointer, PointerOf(location));

    [Fact]
    public void A_seller_finding_points_to_the_setting_its_business_term_names()
    {
        const string seller = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty";
        Assert.Equal("/settings/vat_number", PointerOf(seller, "BT-31"));
        Assert.Equal("/settings/tax_number", PointerOf(seller + "/ram:SpecifiedTaxRegistration[2]/ram:ID", "BT-32"));
    }

    [Fact]
    public void A_vat_breakdown_finding_points_to_the_first_line_of_its_category_where_the_category_was_chosen()
    {
        // The second breakdown row is category O's (the writer orders rows as the lines): its first line is item 1,
        // exempt, so its category comes from the exemption reason.
        var rows = Xml.Descendants(XName.Get("ApplicableHeaderTradeSettlement", CiiNamespaces.Ram)).Single().Elements(XName.Get("ApplicableTradeTax", CiiNamespaces.Ram)).ToList();
        var outsideScope = rows.FindIndex(r => r.Element(XName.Get("CategoryCode", CiiNamespaces.Ram))?.Value == "O") + 1;
        var standard = rows.FindIndex(r => r.Element(XName.Get("CategoryCode", CiiNamespaces.Ram))?.Value == "S") + 1;
        const string breakdown = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax";

        Assert.Equal("/items/1/vat_exemption_reason", PointerOf($"{breakdown}[{outsideScope}]/ram:ExemptionReason"));
        Assert.Equal("/items/0/vat_rate", PointerOf($"{breakdown}[{standard}]"));
    }
}
