using System.Text;
using System.Text.Json.Nodes;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Http.Json;
using Comptoir.Core.Invoicing;
using Comptoir.FacturX.Model;

namespace Comptoir.Cli.Tests;

public class ClientInvoiceJsonTests
{
    private static ClientInvoiceInput Parse(JsonNode node) => ClientInvoiceJson.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));

    [Fact]
    public void Maps_the_seed_invoice_onto_the_model()
    {
        var input = Parse(SampleInvoiceJson.Build());
        var invoice = input.Invoice;

        Assert.False(input.IsDraft);
        Assert.Equal("F-2026-000291", invoice.Number);
        Assert.Equal("B1", invoice.BillingMode);
        Assert.Equal("732829320", invoice.Seller.LegalId); // SIRET reduced to its SIREN
        Assert.Equal(new ElectronicAddress("732829320", "0225"), invoice.Seller.ElectronicAddress);
        Assert.Equal("123456789", invoice.Buyer.LegalId);
        Assert.Equal(new ElectronicAddress("123456789", "0225"), invoice.Buyer.ElectronicAddress);
        Assert.Equal("FR7616958000014527181398763", invoice.Payment?.Iban);
        Assert.Equal("F-2026-000291", invoice.Payment?.RemittanceReference);
        Assert.Equal(["PMD", "PMT", "AAB"], invoice.Notes.Select(n => n.SubjectCode));
        Assert.Equal(1814.85m, invoice.ComputeTotals().GrandTotal);
    }

    [Fact]
    public void The_flat_body_works_like_the_wrapped_one()
    {
        var flat = SampleInvoiceJson.Build().Invoice().DeepClone();

        var wrapped = Parse(SampleInvoiceJson.Build()).Invoice;
        var unwrapped = Parse(flat).Invoice;

        Assert.Equal(wrapped.Number, unwrapped.Number);
        Assert.Equal(wrapped.ComputeTotals().Lines, unwrapped.ComputeTotals().Lines);
        Assert.Equal(wrapped.ComputeTotals().GrandTotal, unwrapped.ComputeTotals().GrandTotal);
    }

    [Fact]
    public void Invoice_settings_override_the_organization_mentions()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["settings"] = new JsonObject { ["discount_conditions"] = "Escompte de 2 % pour paiement à 8 jours.", ["transaction_type"] = "both" };

        var invoice = Parse(root).Invoice;

        Assert.Equal("M1", invoice.BillingMode);
        Assert.Contains(invoice.Notes, n => n is { SubjectCode: "AAB", Text: "Escompte de 2 % pour paiement à 8 jours." });
    }

    [Fact]
    public void A_draft_has_no_number()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["status"] = "draft";

        var input = Parse(root);

        Assert.True(input.IsDraft);
        Assert.Null(input.Invoice.Number);
    }

    [Fact]
    public void Exemption_reasons_pick_the_vat_category()
    {
        var root = SampleInvoiceJson.Build();
        var item = root.Invoice()["items"]![0]!.AsObject();
        item["vat_rate"] = "0";
        item["vat_exemption_reason"] = "S262TER";

        var invoice = Parse(root).Invoice;

        Assert.Equal(VatCategory.IntraCommunity, invoice.Lines[0].VatCategory);
        Assert.Equal(invoice.IssueDate, invoice.DeliveryDate); // BR-IC-11 needs a delivery date
        Assert.NotNull(invoice.DeliverTo);
    }

    [Fact]
    public void An_individual_client_is_reached_by_email()
    {
        var root = SampleInvoiceJson.Build();
        var client = root.Invoice()["client"]!.AsObject();
        client["type"] = "individual";
        client.Remove("name");
        client.Remove("tax_identification_number");
        client["first_name"] = "Jeanne";
        client["last_name"] = "Martin";

        var buyer = Parse(root).Invoice.Buyer;

        Assert.Equal("Jeanne Martin", buyer.Name);
        Assert.Null(buyer.LegalId);
        Assert.Equal(new ElectronicAddress("contact@acmecorp.com", "EM"), buyer.ElectronicAddress);
    }

    [Theory]
    [InlineData("/client_invoice/items/0/quantity", "1e3")]
    [InlineData("/client_invoice/items/0/quantity", "NaN")]
    [InlineData("/client_invoice/items/0/vat_rate", "20")]
    [InlineData("/client_invoice/items/0/vat_rate", "-0.2")]
    [InlineData("/client_invoice/items/0/quantity", "0.00001")]
    [InlineData("/client_invoice/issue_date", "2026-02-30")]
    [InlineData("/client_invoice/issue_date", "19/03/2026")]
    public void Bad_values_are_refused_with_a_pointer(string pointer, string value)
    {
        var root = SampleInvoiceJson.Build();
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode target = root;
        foreach (var segment in segments[..^1])
        {
            target = int.TryParse(segment, out var index) ? target[index]! : target[segment]!;
        }

        target[segments[^1]] = value;

        var error = Assert.Throws<JsonBodyException>(() => Parse(root));
        Assert.Equal(pointer, error.Pointer);
    }

    [Theory]
    [InlineData("{", "")]
    [InlineData("[]", "")]
    [InlineData("{\"client_invoice\": {}}", "/client_invoice/organization")]
    public void Malformed_documents_are_refused(string json, string pointer)
    {
        var error = Assert.Throws<JsonBodyException>(() => ClientInvoiceJson.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(pointer, error.Pointer);
    }

    [Fact]
    public void Wrong_types_and_unknown_values_are_refused()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["items"]![0]!["discount"] = new JsonObject { ["type"] = "bogus", ["value"] = "1" };
        Assert.Equal("/client_invoice/items/0/discount/type", Assert.Throws<JsonBodyException>(() => Parse(root)).Pointer);

        root = SampleInvoiceJson.Build();
        root.Invoice()["items"]![0]!["title"] = 42;
        Assert.Equal("/client_invoice/items/0/title", Assert.Throws<JsonBodyException>(() => Parse(root)).Pointer);

        root = SampleInvoiceJson.Build();
        root.Invoice()["items"] = new JsonArray();
        Assert.Equal("/client_invoice/items", Assert.Throws<JsonBodyException>(() => Parse(root)).Pointer);

        root = SampleInvoiceJson.Build();
        root.Invoice()["items"]![0]!["vat_exemption_reason"] = "S293B";
        Assert.Equal("/client_invoice/items/0/vat_exemption_reason", Assert.Throws<JsonBodyException>(() => Parse(root)).Pointer);

        root = SampleInvoiceJson.Build();
        root.Invoice()["organization"]!["legal_number"] = "12";
        Assert.Equal("/client_invoice/organization/legal_number", Assert.Throws<JsonBodyException>(() => Parse(root)).Pointer);
    }

    [Fact]
    public void Performance_period_rules_are_enforced()
    {
        var root = SampleInvoiceJson.Build();
        root.Invoice()["performance_end_date"] = "2026-03-31";
        Assert.Equal("/client_invoice/performance_start_date", Assert.Throws<JsonBodyException>(() => Parse(root)).Pointer);

        root.Invoice()["performance_start_date"] = "2026-04-01";
        Assert.Equal("/client_invoice/performance_end_date", Assert.Throws<JsonBodyException>(() => Parse(root)).Pointer);
    }
}
