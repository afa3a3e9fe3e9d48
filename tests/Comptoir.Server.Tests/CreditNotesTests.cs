using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>
/// Credit notes through the API, on both engines: partial then full, never beyond what remains (per item, in total,
/// under concurrency), their own gapless numbering, the cancellation of a finalized invoice, and the invoice's
/// credit_notes_ids and webhook event.
/// </summary>
public sealed class CreditNotesTests
{
    /// <summary>10 h at 150.00 (20 %) and a 99.99 licence with 10.00 off (10 %): 1800.00 + 98.99 = 1898.99 EUR.</summary>
    public static JsonObject TwoItemInvoice(string clientId, string iban, string status = "unpaid")
    {
        var body = Seeds.DraftBody(clientId, iban, status);
        body["items"]!.AsArray().Add(new JsonObject
        {
            ["title"] = "Licence",
            ["quantity"] = "1",
            ["unit_price"] = "99.99",
            ["vat_rate"] = "0.10",
            ["discount"] = new JsonObject { ["type"] = "absolute", ["value"] = "10.00" },
        });
        return body;
    }

    public static JsonObject Credit(string invoiceId, params JsonObject[] items) => new()
    {
        ["invoice_id"] = invoiceId,
        ["reason"] = "Prestation partiellement annulée",
        ["items"] = new JsonArray([.. items]),
    };

    public static JsonObject ByQuantity(int index, string quantity) => new() { ["item_index"] = index, ["quantity"] = quantity };

    public static JsonObject ByAmount(int index, string amount) => new() { ["item_index"] = index, ["amount"] = amount };

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_partial_then_a_full_credit_note_credit_the_invoice_exactly_and_cancel_it(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var http = server.Client;
        var invoice = await Seeds.CreateInvoiceAsync(http, TwoItemInvoice(await Seeds.CreateClientAsync(http), server.Demo.Account.Iban));
        var invoiceId = invoice.GetProperty("id").GetString()!;
        Assert.Equal(189899, invoice.GetProperty("total_amount_cents").GetInt64());

        var partial = (await ApiAssert.Json(await http.Post("v2/credit_notes", Credit(invoiceId, ByQuantity(0, "3"))), HttpStatusCode.Created)).GetProperty("credit_note");
        ContractSchema.AssertMatches("credit_note", partial);
        Assert.Equal("AV-2026-000001", partial.GetProperty("number").GetString());
        Assert.Equal(invoiceId, partial.GetProperty("invoice_id").GetString());
        Assert.Equal("deduct", partial.GetProperty("settlement").GetString());
        Assert.Equal("credit_note", partial.GetProperty("invoice_type").GetString());
        Assert.Equal(-54000, partial.GetProperty("total_amount_cents").GetInt64());
        Assert.Equal("-540.00", partial.GetProperty("total_amount").GetProperty("value").GetString());
        Assert.Equal(-9000, partial.GetProperty("vat_amount_cents").GetInt64());
        var line = partial.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("3", line.GetProperty("quantity").GetString());
        Assert.Equal("150.00", line.GetProperty("unit_price").GetProperty("value").GetString());
        Assert.Equal(-45000, line.GetProperty("subtotal_cents").GetInt64());
        Assert.Equal(0, partial.GetProperty("payment_methods").GetArrayLength());

        // Beyond what remains of an item, by quantity or by amount: refused, naming the line.
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(invoiceId, ByQuantity(0, "7.5"))), HttpStatusCode.UnprocessableEntity, "exceeds_remaining", "/items/0/quantity");
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(invoiceId, ByQuantity(0, "1"), ByAmount(1, "90.00"))), HttpStatusCode.UnprocessableEntity, "exceeds_remaining", "/items/1");
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(invoiceId, ByQuantity(0, "4"), ByQuantity(0, "4"))), HttpStatusCode.UnprocessableEntity, "exceeds_remaining", "/items/1/quantity");
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(invoiceId, ByQuantity(2, "1"))), HttpStatusCode.UnprocessableEntity, "not_found", "/items/0/item_index");

        var afterPartial = await GetInvoiceAsync(http, invoiceId);
        Assert.Equal("unpaid", afterPartial.GetProperty("status").GetString());
        Assert.Equal(new[] { partial.GetProperty("id").GetString()! }, afterPartial.GetProperty("credit_notes_ids").EnumerateArray().Select(e => e.GetString()!).ToArray());

        // No lines: everything that remains, to the cent, and the unpaid invoice credited in full is canceled.
        var full = (await ApiAssert.Json(await http.Post("v2/credit_notes", new JsonObject { ["credit_note"] = new JsonObject { ["invoice_id"] = invoiceId, ["reason"] = "Commande annulée" } }), HttpStatusCode.Created)).GetProperty("credit_note");
        Assert.Equal("AV-2026-000002", full.GetProperty("number").GetString());
        Assert.Equal(-(189899 - 54000), full.GetProperty("total_amount_cents").GetInt64());
        Assert.Equal(new[] { "7", "1" }, full.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("quantity").GetString()!).ToArray());
        var canceled = await GetInvoiceAsync(http, invoiceId);
        Assert.Equal("canceled", canceled.GetProperty("status").GetString());
        Assert.Equal(2, canceled.GetProperty("credit_notes_ids").GetArrayLength());
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(invoiceId, ByAmount(0, "0.01"))), HttpStatusCode.Conflict, "invalid_status");

        // Read back as issued, listed oldest or newest first, filtered by creation time.
        var read = await ApiAssert.Json(await http.GetAsync($"v2/credit_notes/{full.GetProperty("id").GetString()}"), HttpStatusCode.OK);
        Assert.Equal(full.GetProperty("total_amount_cents").GetInt64(), read.GetProperty("credit_note").GetProperty("total_amount_cents").GetInt64());
        var list = await ApiAssert.Json(await http.GetAsync("v2/credit_notes?sort_by=created_at:asc"), HttpStatusCode.OK);
        Assert.Equal(new[] { "AV-2026-000001", "AV-2026-000002" }, list.GetProperty("credit_notes").EnumerateArray().Select(n => n.GetProperty("number").GetString()!).ToArray());
        Assert.Equal(2, list.GetProperty("meta").GetProperty("total_count").GetInt64());
        Assert.All(list.GetProperty("credit_notes").EnumerateArray(), n => ContractSchema.AssertMatches("credit_note", n));
        var newestFirst = await ApiAssert.Json(await http.GetAsync("v2/credit_notes?per_page=1"), HttpStatusCode.OK);
        Assert.Equal("AV-2026-000002", newestFirst.GetProperty("credit_notes")[0].GetProperty("number").GetString());
        var none = await ApiAssert.Json(await http.GetAsync("v2/credit_notes?filter[created_at_from]=2027-01-01T00:00:00Z"), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("credit_notes").GetArrayLength());
        await ApiAssert.Error(await http.GetAsync("v2/credit_notes?sort_by=number:asc"), HttpStatusCode.BadRequest);
        await ApiAssert.Error(await http.GetAsync($"v2/credit_notes/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ApiAssert.Error(await http.GetAsync("v2/credit_notes/not-an-id"), HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Only_a_finalized_invoice_of_the_organization_is_credited_and_bad_bodies_get_422s(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var http = server.Client;
        var clientId = await Seeds.CreateClientAsync(http);
        var draft = await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(clientId, server.Demo.Account.Iban));
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(draft.GetProperty("id").GetString()!)), HttpStatusCode.Conflict, "invalid_status");
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(Guid.NewGuid().ToString())), HttpStatusCode.UnprocessableEntity, "not_found", "/invoice_id");

        var invoice = await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));
        var id = invoice.GetProperty("id").GetString()!;
        await ApiAssert.Error(await http.Post("v2/credit_notes", new JsonObject { ["invoice_id"] = id }), HttpStatusCode.UnprocessableEntity, "required", "/reason");
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(id, new JsonObject { ["item_index"] = 0, ["quantity"] = "1", ["amount"] = "1.00" })), HttpStatusCode.UnprocessableEntity, "invalid", "/items/0/amount");
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(id, ByQuantity(0, "-1"))), HttpStatusCode.UnprocessableEntity, "invalid", "/items/0/quantity");
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(id, ByAmount(0, "0.001"))), HttpStatusCode.UnprocessableEntity, "invalid", "/items/0/amount");
        await ApiAssert.Error(await http.Post("v2/credit_notes", Credit(id, new JsonObject { ["item_index"] = "x", ["quantity"] = "1" })), HttpStatusCode.UnprocessableEntity, pointer: "/items/0/item_index");
        await ApiAssert.Error(await http.Post("v2/credit_notes", "[1]"), HttpStatusCode.BadRequest, "invalid_json");
        Assert.Equal(0L, await CountAsync(server, "SELECT COUNT(*) FROM credit_notes"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Canceling_a_finalized_invoice_issues_its_credit_note_in_the_same_transaction(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var http = server.Client;
        await ApiAssert.Json(await http.Post("v2/webhook_subscriptions", new JsonObject { ["callback_url"] = "https://erp.example.com/h", ["types"] = new JsonArray("v1/client-invoices") }), HttpStatusCode.Created);
        var invoice = await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(await Seeds.CreateClientAsync(http), server.Demo.Account.Iban, status: "unpaid"));
        var id = invoice.GetProperty("id").GetString()!;
        await Seeds.WaitForJobsAsync(server.Database); // the invoice's own document, and its event, come first
        var eventsBefore = await CountAsync(server, "SELECT COUNT(*) FROM webhook_events");

        var canceled = (await ApiAssert.Json(await http.PostAsync($"v2/client_invoices/{id}/mark_as_canceled", null), HttpStatusCode.OK)).GetProperty("client_invoice");
        Assert.Equal("canceled", canceled.GetProperty("status").GetString());
        var noteId = canceled.GetProperty("credit_notes_ids").EnumerateArray().Single().GetString()!;
        var note = (await ApiAssert.Json(await http.GetAsync($"v2/credit_notes/{noteId}"), HttpStatusCode.OK)).GetProperty("credit_note");
        Assert.Equal(-invoice.GetProperty("total_amount_cents").GetInt64(), note.GetProperty("total_amount_cents").GetInt64());
        Assert.Equal("Annulation de la facture F-2026-000001", note.GetProperty("reason").GetString());
        Assert.Equal("deduct", note.GetProperty("settlement").GetString());
        // One invoice event for the cancellation, carrying the credit note's id.
        Assert.Equal(eventsBefore + 1, await CountAsync(server, "SELECT COUNT(*) FROM webhook_events"));
        var stored = await server.Database.ReadAsync(c => Dapper.SqlMapper.QueryAsync<(string Payload, byte[]? Data)>(c, "SELECT payload, data FROM webhook_events"));
        var payload = Assert.Single(stored.Select(s => Comptoir.Server.Webhooks.WebhookPayloads.Read(s.Payload, s.Data)), p => p.Contains(noteId, StringComparison.Ordinal));
        Assert.Contains("\"status\":\"canceled\"", payload, StringComparison.Ordinal);

        // A paid invoice cannot be canceled (its credit note is a refund, asked for explicitly).
        var paid = await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(await Seeds.CreateClientAsync(http), server.Demo.Account.Iban, status: "unpaid"));
        await ApiAssert.Json(await http.PostAsync($"v2/client_invoices/{paid.GetProperty("id").GetString()}/mark_as_paid", null), HttpStatusCode.OK);
        await ApiAssert.Error(await http.PostAsync($"v2/client_invoices/{paid.GetProperty("id").GetString()}/mark_as_canceled", null), HttpStatusCode.Conflict);
        var refund = (await ApiAssert.Json(await http.Post("v2/credit_notes", Credit(paid.GetProperty("id").GetString()!)), HttpStatusCode.Created)).GetProperty("credit_note");
        Assert.Equal("refund", refund.GetProperty("settlement").GetString());
        Assert.Equal("paid", (await GetInvoiceAsync(http, paid.GetProperty("id").GetString()!)).GetProperty("status").GetString());
        Assert.Equal("AV-2026-000002", refund.GetProperty("number").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_credit_notes_never_over_credit_and_their_numbers_have_no_gap(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var http = server.Client;
        var clientId = await Seeds.CreateClientAsync(http);
        var invoice = await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));
        var id = invoice.GetProperty("id").GetString()!;

        // Ten requests for 2 of the 10 hours each, at once: five fit.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => http.Post("v2/credit_notes", Credit(id, ByQuantity(0, "2")))));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, answers.Count(a => a.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict));
        Assert.Equal(invoice.GetProperty("total_amount_cents").GetInt64(), await CountAsync(server, $"SELECT SUM(total_amount_cents) FROM credit_notes WHERE invoice_id = '{id}'"));

        // Credit notes of many invoices at once: one unbroken series.
        var invoices = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            invoices.Add((await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"))).GetProperty("id").GetString()!);
        }

        var issued = await Task.WhenAll(invoices.Select(async (invoiceId, i) => i % 2 == 0
            ? (await ApiAssert.Json(await http.Post("v2/credit_notes", Credit(invoiceId)), HttpStatusCode.Created)).GetProperty("credit_note").GetProperty("number").GetString()!
            : (await ApiAssert.Json(await http.PostAsync($"v2/client_invoices/{invoiceId}/mark_as_canceled", null), HttpStatusCode.OK)).GetProperty("client_invoice").GetProperty("credit_notes_ids")[0].GetString()!));
        var numbers = (await server.Database.ReadAsync(c => Dapper.SqlMapper.QueryAsync<string>(c, "SELECT number FROM credit_notes"))).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"AV-2026-{n:000000}").ToArray(), numbers);
        Assert.Equal(8, issued.Distinct().Count());
    }

    private static async Task<JsonElement> GetInvoiceAsync(HttpClient http, string id) =>
        (await ApiAssert.Json(await http.GetAsync($"v2/client_invoices/{id}"), HttpStatusCode.OK)).GetProperty("client_invoice");

    private static Task<long> CountAsync(RunningServer server, string sql) =>
        server.Database.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, sql));
}
