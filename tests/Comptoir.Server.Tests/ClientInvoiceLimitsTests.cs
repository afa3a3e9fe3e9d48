using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>One server for the whole table: each case is one request.</summary>
public sealed class LimitTableServer : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public string ClientId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync("sqlite");
        ClientId = await Seeds.CreateClientAsync(Server.Client);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The two runners of <see cref="ClientInvoiceLimitTable"/>: the API, and ClientInvoiceJson.</summary>
public sealed class ClientInvoiceLimitsTests(LimitTableServer fixture) : IClassFixture<LimitTableServer>
{
    /// <summary>What ClientInvoiceJson needs beyond the request: the parties the API takes from its own records.</summary>
    private static JsonObject Document(JsonObject body)
    {
        body["organization"] = JsonNode.Parse("""
            {"legal_name": "Demo SAS", "legal_number": "73282932000074", "address_line_1": "18 rue de Navarin", "address_zipcode": "75009",
             "address_city": "Paris", "address_country": "FR", "vat_number": "FR44732829320", "transaction_type": "services"}
            """);
        body["client"] = JsonNode.Parse(Seeds.AcmeClient);
        return body;
    }

    public static TheoryData<string> Cases => ClientInvoiceLimitTable.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_api_enforces_the_rule(string name)
    {
        var rule = ClientInvoiceLimitTable.Get(name);
        var server = fixture.Server;
        var body = Seeds.DraftBody(fixture.ClientId, server.Demo.Account.Iban);
        rule.Change(body);

        var response = await server.Client.Post("v2/client_invoices", body);

        if (rule.Accepted)
        {
            var created = await ApiAssert.Json(response, HttpStatusCode.Created);
            // The document worker maps what the API saved: it must take every invoice the API accepts.
            var saved = Encoding.UTF8.GetBytes(created.GetProperty("client_invoice").GetRawText());
            Assert.NotNull(ClientInvoiceJson.ParseApiResponse(saved).Invoice);
        }
        else
        {
            await ApiAssert.Error(response, (HttpStatusCode)rule.Status, rule.Code, rule.Pointer);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClientInvoiceJson_enforces_the_same_rule(string name)
    {
        var rule = ClientInvoiceLimitTable.Get(name);
        var document = Document(Seeds.DraftBody("client-of-the-document", Payments.SupplierIban));
        rule.Change(document);
        var json = Encoding.UTF8.GetBytes(document.ToJsonString());

        if (rule.Accepted)
        {
            Assert.NotEmpty(ClientInvoiceJson.Parse(json).Invoice.Lines);
        }
        else
        {
            var error = Assert.Throws<JsonBodyException>(() => ClientInvoiceJson.Parse(json));
            Assert.Equal((rule.Status, rule.Code, rule.Pointer), (error.Status, error.Code, error.Pointer));
        }
    }

    [Fact]
    public void The_table_covers_every_limit_on_both_sides()
    {
        var names = ClientInvoiceLimitTable.AllNames;
        string[] limited = ["header", "footer", "terms_and_conditions", "purchase_order", "contact_email", "items/0/title", "items/0/description", "items/0/unit",
            "settings/vat_number", "settings/company_leadership", "settings/district_court", "settings/commercial_register_number", "settings/tax_number",
            "settings/discount_conditions", "settings/late_payment_penalties", "settings/legal_fixed_compensation"];

        foreach (var field in limited)
        {
            Assert.Equal(2, names.Count(n => n.StartsWith(field + " of ", StringComparison.Ordinal)));
        }

        Assert.Contains($"{ClientInvoiceRules.MaxItems} items", names);
        Assert.Contains($"{ClientInvoiceRules.MaxItems + 1} items", names);
        Assert.Contains("a body one byte over the limit", names);
    }

    [Fact]
    public void The_worker_maps_a_saved_invoice_larger_than_a_request_may_be()
    {
        // The response JSON of an invoice adds amounts and the parties to what the request said: it may pass the limit.
        var document = Document(Seeds.DraftBody("client-of-the-document", Payments.SupplierIban));
        document["items"] = new JsonArray([.. Enumerable.Range(0, ClientInvoiceRules.MaxItems).Select(_ => JsonNode.Parse($$"""
            {"title": "Audit", "description": "{{new string('d', ClientInvoiceRules.MaxDescriptionLength)}}", "quantity": "1", "unit": null,
             "unit_price": {"value": "10.00", "currency": "EUR"}, "unit_price_cents": 1000, "vat_rate": "0.2", "vat_exemption_reason": null, "discount": null,
             "total_vat": {"value": "2.00", "currency": "EUR"}, "total_vat_cents": 200, "total_amount": {"value": "12.00", "currency": "EUR"},
             "total_amount_cents": 1200, "subtotal": {"value": "10.00", "currency": "EUR"}, "subtotal_cents": 1000}
            """))]);
        var json = Encoding.UTF8.GetBytes(document.ToJsonString());
        Assert.True(json.Length > ClientInvoiceRules.MaxBodyBytes);

        Assert.Equal(413, Assert.Throws<JsonBodyException>(() => ClientInvoiceJson.Parse(json)).Status);
        var mapped = ClientInvoiceJson.ParseApiResponse(json);
        Assert.Equal(ClientInvoiceRules.MaxItems, mapped.Invoice.Lines.Count);
    }
}
