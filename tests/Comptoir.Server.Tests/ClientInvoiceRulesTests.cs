using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

public class ClientInvoiceRulesTests
{
    private static async Task<(RunningServer Server, string ClientId)> StartAsync(string engine = "sqlite")
    {
        var server = await RunningServer.StartAsync(engine);
        return (server, await Seeds.CreateClientAsync(server.Client));
    }

    [Fact]
    public async Task Every_field_of_seed_002_is_accepted_and_echoed()
    {
        var (server, clientId) = await StartAsync();
        await using var _ = server;
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        body["performance_start_date"] = "2026-03-01";
        body["performance_end_date"] = "2026-03-31";
        body["number"] = "INV-2026-001";
        body["purchase_order"] = "PO-42";
        body["terms_and_conditions"] = "Paiement à 30 jours.";
        body["header"] = "Merci !";
        body["footer"] = "À bientôt.";
        body["settings"] = JsonNode.Parse("""
            {"vat_number": "FR12345678901", "company_leadership": "Jan Mueller", "commercial_register_number": "HRB12345B", "tax_number": "123/123/1234",
             "legal_capital_share": {"value": "10000.00", "currency": "EUR"}, "transaction_type": "goods", "vat_payment_condition": "on_receipts",
             "discount_conditions": "Pas d’escompte.", "late_payment_penalties": "Trois fois le taux légal.", "legal_fixed_compensation": "40 €."}
            """);
        body["items"]!.AsArray().Add(JsonNode.Parse("""
            {"title": "Plastic tables", "description": "Tables", "quantity": "1.5", "unit": "meter", "unit_price": {"value": "10.0", "currency": "EUR"},
             "vat_rate": "0.1", "discount": {"type": "percentage", "value": "0.1"}}
            """));
        body["items"]!.AsArray().Add(JsonNode.Parse("""
            {"title": "Formation", "quantity": "1", "unit_price": {"value": "500", "currency": "EUR"}, "vat_rate": "0", "vat_exemption_reason": "S261_4"}
            """));

        var invoice = await Seeds.CreateInvoiceAsync(server.Client, body);

        Assert.Equal("INV-2026-001", invoice.GetProperty("number").GetString());
        Assert.Equal("PO-42", invoice.GetProperty("purchase_order").GetString());
        Assert.Equal("Pas d’escompte.", invoice.GetProperty("discount_conditions").GetString());
        Assert.Equal("goods", invoice.GetProperty("organization").GetProperty("transaction_type").GetString());
        Assert.Equal("FR12345678901", invoice.GetProperty("organization").GetProperty("vat_number").GetString());
        Assert.Equal("2026-03-31", invoice.GetProperty("performance_end_date").GetString());
        var tables = invoice.GetProperty("items")[1];
        Assert.Equal(1350, tables.GetProperty("subtotal_cents").GetInt64());
        Assert.Equal("1.50", tables.GetProperty("discount").GetProperty("amount").GetProperty("value").GetString());
        Assert.Equal(135, tables.GetProperty("total_vat_cents").GetInt64());
        Assert.Equal("S261_4", invoice.GetProperty("items")[2].GetProperty("vat_exemption_reason").GetString());
        // 1500 + 300 VAT, 13.50 + 1.35 VAT, 500 exempt.
        Assert.Equal(231485, invoice.GetProperty("total_amount_cents").GetInt64());
        Assert.Equal(30135, invoice.GetProperty("vat_amount_cents").GetInt64());
        Assert.Equal("transfer", invoice.GetProperty("payment_methods")[0].GetProperty("type").GetString());
        Assert.Equal(server.Demo.Organization.LegalName, invoice.GetProperty("payment_methods")[0].GetProperty("beneficiary_name").GetString());
        Assert.Equal("Acme Corp", invoice.GetProperty("client").GetProperty("name").GetString());
        Assert.StartsWith(server.BaseAddress.ToString().TrimEnd('/') + "/invoices/", invoice.GetProperty("invoice_url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wrapped_body_is_accepted_too()
    {
        var (server, clientId) = await StartAsync();
        await using var _ = server;

        var invoice = await Seeds.CreateInvoiceAsync(server.Client, new JsonObject { ["client_invoice"] = Seeds.DraftBody(clientId, server.Demo.Account.Iban) });

        Assert.Equal(180000, invoice.GetProperty("total_amount_cents").GetInt64());
    }

    public static TheoryData<string, JsonNode?, string, string> InvalidFields => new()
    {
        { "client_id", null, "/client_id", "required" },
        { "client_id", "00000000-0000-0000-0000-000000000000", "/client_id", "not_found" },
        { "client_id", "not-a-client-id", "/client_id", "not_found" },
        { "client_id", 42, "/client_id", "invalid_type" },
        { "issue_date", "2026-02-30", "/issue_date", "invalid" },
        { "issue_date", "19/03/2026", "/issue_date", "invalid" },
        { "due_date", "2026-03-01", "/due_date", "invalid" },
        { "currency", "USD", "/currency", "not_in_list" },
        { "status", "paid", "/status", "not_in_list" },
        { "number", "F 2026 001", "/number", "invalid" },
        { "number", new string('A', 41), "/number", "too_long" },
        { "purchase_order", new string('P', 41), "/purchase_order", "too_long" },
        { "terms_and_conditions", new string('T', 526), "/terms_and_conditions", "too_long" },
        { "performance_end_date", "2026-03-31", "/performance_start_date", "required" },
        { "payment_methods", null, "/payment_methods", "required" },
        { "report_einvoicing", true, "/report_einvoicing", "not_allowed" },
        { "welfare_fund", JsonNode.Parse("""{"type": "TC01", "rate": "0.0001"}"""), "/welfare_fund", "not_allowed" },
        { "stamp_duty_amount", "1.00", "/stamp_duty_amount", "not_allowed" },
        { "withholding_tax", JsonNode.Parse("""{"reason": "RF01", "rate": "0.01"}"""), "/withholding_tax", "not_allowed" },
        { "items", new JsonArray(), "/items", "required" },
        { "items", "nope", "/items", "invalid_type" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Invalid_fields_get_a_422_with_a_pointer(string field, JsonNode? value, string pointer, string code)
    {
        var (server, clientId) = await StartAsync();
        await using var _ = server;
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        body[field] = value?.DeepClone();

        await ApiAssert.Error(await server.Client.Post("v2/client_invoices", body), HttpStatusCode.UnprocessableEntity, code, pointer);
    }

    public static TheoryData<string, JsonNode?, string, string> InvalidItems => new()
    {
        { "quantity", "1e3", "/items/0/quantity", "invalid" },
        { "quantity", "-5", "/items/0/quantity", "invalid" },
        { "quantity", "0", "/items/0/quantity", "invalid" },
        { "quantity", "NaN", "/items/0/quantity", "invalid" },
        { "quantity", "0.00001", "/items/0/quantity", "invalid" },
        { "quantity", true, "/items/0/quantity", "invalid_type" },
        { "unit_price", JsonNode.Parse("""{"value": "-1", "currency": "EUR"}"""), "/items/0/unit_price", "invalid" },
        { "unit_price", JsonNode.Parse("""{"value": "999999999999", "currency": "EUR"}"""), "/items/0/unit_price", "invalid" },
        { "unit_price", JsonNode.Parse("""{"value": "10", "currency": "USD"}"""), "/items/0/unit_price/currency", "not_in_list" },
        { "unit_price", JsonNode.Parse("""{"currency": "EUR"}"""), "/items/0/unit_price/value", "required" },
        { "vat_rate", "20", "/items/0/vat_rate", "invalid" },
        { "vat_rate", "0.19", "/items/0/vat_rate", "not_in_list" },
        { "vat_exemption_reason", "S293B", "/items/0/vat_exemption_reason", "invalid" },
        { "discount", JsonNode.Parse("""{"type": "bogus", "value": "1"}"""), "/items/0/discount/type", "not_in_list" },
        { "discount", JsonNode.Parse("""{"type": "percentage", "value": "1.5"}"""), "/items/0/discount/value", "invalid" },
        { "discount", JsonNode.Parse("""{"type": "absolute", "value": "5000"}"""), "/items/0/discount/value", "invalid" },
        { "title", null, "/items/0/title", "required" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public async Task Invalid_items_get_a_422_with_a_pointer(string field, JsonNode? value, string pointer, string code)
    {
        var (server, clientId) = await StartAsync();
        await using var _ = server;
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        body["items"]![0]![field] = value?.DeepClone();

        await ApiAssert.Error(await server.Client.Post("v2/client_invoices", body), HttpStatusCode.UnprocessableEntity, code, pointer);
    }

    [Fact]
    public async Task An_iban_that_is_not_the_organizations_is_refused()
    {
        var (server, clientId) = await StartAsync();
        await using var _ = server;

        await ApiAssert.Error(await server.Client.Post("v2/client_invoices", Seeds.DraftBody(clientId, "FR7630006000011234567890189")), HttpStatusCode.UnprocessableEntity, "invalid", "/payment_methods/iban");
        await ApiAssert.Error(await server.Client.Post("v2/client_invoices", Seeds.DraftBody(clientId, "FR7630006000011234567890188")), HttpStatusCode.UnprocessableEntity, "invalid", "/payment_methods/iban");
    }

    [Fact]
    public async Task Ten_thousand_lines_are_refused_clearly()
    {
        var (server, clientId) = await StartAsync();
        await using var _ = server;
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        var items = new JsonArray();
        for (var i = 0; i < 10_000; i++)
        {
            items.Add(body["items"]![0]!.DeepClone());
        }

        body["items"] = items;

        await ApiAssert.Error(await server.Client.Post("v2/client_invoices", body), HttpStatusCode.UnprocessableEntity, "too_long", "/items");
    }

    [Fact]
    public async Task Explicit_numbers_must_be_unique()
    {
        var (server, clientId) = await StartAsync();
        await using var _ = server;
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid");
        body["number"] = "F-2026-000002";
        await Seeds.CreateInvoiceAsync(server.Client, body);

        await ApiAssert.Error(await server.Client.Post("v2/client_invoices", body), HttpStatusCode.UnprocessableEntity, "taken", "/number");

        // Automatic numbering skips the value typed by hand: 1, then 3.
        var first = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));
        var second = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));
        Assert.Equal("F-2026-000001", first.GetProperty("number").GetString());
        Assert.Equal("F-2026-000003", second.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Drafts_can_be_updated_and_deleted()
    {
        var (server, clientId) = await StartAsync();
        await using var _ = server;
        var draft = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban));
        var id = draft.GetProperty("id").GetString();
        server.Clock.Advance(TimeSpan.FromSeconds(1));

        var update = JsonNode.Parse("""{"items": [{"title": "Audit", "quantity": "2", "unit_price": {"value": "99.99", "currency": "EUR"}, "vat_rate": "0.2"}], "header": "Nouveau"}""")!;
        var updated = (await ApiAssert.Json(await server.Client.Patch($"v2/client_invoices/{id}", update), HttpStatusCode.OK)).GetProperty("client_invoice");

        Assert.Equal(23998, updated.GetProperty("total_amount_cents").GetInt64());
        Assert.Equal("Nouveau", updated.GetProperty("header").GetString());
        Assert.True(string.CompareOrdinal(updated.GetProperty("updated_at").GetString(), draft.GetProperty("updated_at").GetString()) > 0);
        await ApiAssert.Error(await server.Client.Patch($"v2/client_invoices/{id}", JsonNode.Parse("""{"items": [{"title": "x", "quantity": "1e2", "unit_price": "1", "vat_rate": "0.2"}]}""")!), HttpStatusCode.UnprocessableEntity, pointer: "/items/0/quantity");

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"v2/client_invoices/{id}")).StatusCode);
        await ApiAssert.Error(await server.Client.GetAsync($"v2/client_invoices/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_without_identifiers_cannot_be_invoiced_finally()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var bare = await ApiAssert.Json(await server.Client.Post("v2/clients", """{"name": "Bare SARL", "kind": "company", "currency": "EUR", "locale": "fr", "billing_address": {"country_code": "FR"}}"""), HttpStatusCode.Created);
        var clientId = bare.GetProperty("client").GetProperty("id").GetString()!;
        var draft = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban));

        await ApiAssert.Error(await server.Client.PostAsync($"v2/client_invoices/{draft.GetProperty("id").GetString()}/finalize", null), HttpStatusCode.UnprocessableEntity, "client_incomplete", "/client_id");
        // The failed finalization consumed no number.
        var ok = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(await Seeds.CreateClientAsync(server.Client), server.Demo.Account.Iban, status: "unpaid"));
        Assert.Equal("F-2026-000001", ok.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Another_organizations_invoices_are_invisible()
    {
        var (server, clientId) = await StartAsync();
        await using var _ = server;
        var invoice = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban));
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var otherClient = server.NewClient(other.Authorization);
        var id = invoice.GetProperty("id").GetString();

        await ApiAssert.Error(await otherClient.GetAsync($"v2/client_invoices/{id}"), HttpStatusCode.NotFound);
        await ApiAssert.Error(await otherClient.PostAsync($"v2/client_invoices/{id}/finalize", null), HttpStatusCode.NotFound);
        await ApiAssert.Error(await otherClient.DeleteAsync($"v2/client_invoices/{id}"), HttpStatusCode.NotFound);
        // Using our client id from the other organization is a field error, not a leak.
        await ApiAssert.Error(await otherClient.Post("v2/client_invoices", Seeds.DraftBody(clientId, other.Account.Iban)), HttpStatusCode.UnprocessableEntity, "not_found", "/client_id");
        var list = await ApiAssert.Json(await otherClient.GetAsync("v2/client_invoices"), HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("meta").GetProperty("total_count").GetInt32());
    }

    [Theory]
    [MemberData(nameof(StaleClientCases))]
    public async Task A_client_deleted_between_the_read_and_the_write_is_a_field_error_and_nothing_is_stored(string engine, string status)
    {
        var (server, clientId) = await StartAsync(engine);
        await using var _ = server;
        var services = server.App.Services;
        var found = await server.Organizations.FindWithAccountsAsync(server.Demo.Organization.Id, clientId);
        Assert.NotNull(found);
        var (organization, accounts, client) = found.Value;
        Assert.Equal(clientId, client?.Id);
        // What the request read is now stale: the client goes before the invoice is written.
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"v2/clients/{clientId}")).StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(Seeds.DraftBody(clientId, server.Demo.Account.Iban, status).ToJsonString());
        var row = new Comptoir.Server.ClientInvoices.ClientInvoiceRow();
        var content = new Comptoir.Server.ClientInvoices.ClientInvoiceContent();
        Comptoir.Server.ClientInvoices.ClientInvoiceRequest.Apply(new Comptoir.Server.Http.Json.JsonBody(body.RootElement, string.Empty), row, content, organization, accounts, creating: true);

        var error = await Assert.ThrowsAsync<Comptoir.Server.Http.Errors.ApiException>(() =>
            services.GetRequiredService<Comptoir.Server.ClientInvoices.ClientInvoiceStore>().CreateAsync(row, content, status, organization, client));

        Assert.Equal(422, error.Status);
        Assert.Equal(("not_found", "/client_id"), (error.Errors[0].Code, error.Errors[0].Pointer));
        var stored = await server.Database.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT (SELECT COUNT(*) FROM client_invoices) + (SELECT COUNT(*) FROM jobs)"));
        Assert.Equal(0, stored);
    }

    public static TheoryData<string, string> StaleClientCases => new()
    {
        { "sqlite", "draft" },
        { "sqlite", "unpaid" },
        { "postgres", "draft" },
        { "postgres", "unpaid" },
    };
}
