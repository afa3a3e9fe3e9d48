using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Jobs;
using Comptoir.Server.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>
/// The API refuses, by the native EN 16931 validator, an invoice or a credit note whose Factur-X file would break a
/// fatal rule: a 422 naming the rule and the request's field. Valid invoices of every kind still pass; a document job
/// of an invoice stored before the refusal existed fails once, saying why, instead of eight times.
/// </summary>
public sealed class ClientInvoiceConformanceTests
{
    private const string GermanClient = """
        {"name": "Maschinenbau Keller GmbH", "kind": "company", "email": "einkauf@keller.example", "currency": "EUR", "locale": "en",
         "vat_number": "DE811907980",
         "billing_address": {"street_address": "Industriestraße 4", "city": "Stuttgart", "zip_code": "70173", "country_code": "DE"}}
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Creating_as_unpaid_services_outside_french_vat_from_a_seller_with_a_vat_number_is_a_422_naming_BR_O_02_and_the_field(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var before = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, "unpaid"));
        var body = OneItem(clientId, server.Demo.Account.Iban, "0", "S259B");

        var error = await ApiAssert.Error(await server.Client.Post("v2/client_invoices", body), HttpStatusCode.UnprocessableEntity,
            "invalid", "/items/0/vat_exemption_reason");

        var detail = error.GetProperty("detail").GetString()!;
        Assert.StartsWith("BR-O-02: ", detail, StringComparison.Ordinal);
        Assert.Contains("Seller VAT identifier (BT-31)", detail, StringComparison.Ordinal);
        Assert.EndsWith("(/items/0/vat_exemption_reason)", detail, StringComparison.Ordinal);
        Assert.Equal(1L, await CountAsync(server, "SELECT COUNT(*) FROM client_invoices"));
        // The refusal rolled the number back with the rest: the next invoice takes the number after the last one.
        var after = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, "unpaid"));
        Assert.Equal(Sequence(before) + 1, Sequence(after));
    }

    private static long Sequence(JsonElement invoice) =>
        long.Parse(invoice.GetProperty("number").GetString()!.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Category_O_mixed_with_a_taxed_line_is_a_422_naming_BR_O_11_on_the_out_of_scope_line()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        await RemoveTheOrganizationsVatNumberAsync(server);
        var body = Seeds.DraftBody(await Seeds.CreateClientAsync(server.Client), server.Demo.Account.Iban, "unpaid");
        body["items"]!.AsArray().Add(Item("0", "S259B"));

        var response = await server.Client.Post("v2/client_invoices", body);

        await ApiAssert.Error(response, HttpStatusCode.UnprocessableEntity, "invalid");
        var errors = await ErrorsAsync(response);
        Assert.Contains(errors, e => e.Detail.StartsWith("BR-O-11: ", StringComparison.Ordinal) && e.Pointer == "/items/1/vat_exemption_reason");
        Assert.All(errors, e => Assert.EndsWith($"({e.Pointer})", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exempt_invoice_under_293_B_without_a_vat_number_is_valid_by_the_seller_s_SIREN_as_tax_registration()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        await RemoveTheOrganizationsVatNumberAsync(server);
        var body = OneItem(await Seeds.CreateClientAsync(server.Client), server.Demo.Account.Iban, "0", "S293B");

        var invoice = await Seeds.CreateInvoiceAsync(server.Client, body);

        Assert.Equal("unpaid", invoice.GetProperty("status").GetString());
        // BR-E-02 holds through BT-32 (scheme FC): the rule's check at finalization and the document job agree.
        await Seeds.WaitForDocumentAsync(server.Client, invoice.GetProperty("id").GetString()!, final: true);
    }

    public static TheoryData<string, string?, bool, bool> ValidKinds => new()
    {
        { "0.20", null, false, false },
        { "0.055", null, false, false },
        { "0", "S293B", false, false },
        { "0", "S261_4", false, false },
        { "0", "S283", false, false },
        { "0", "S262", false, false },
        { "0", "S262TER", true, false },
        { "0", "S259B", false, true },
    };

    [Theory]
    [MemberData(nameof(ValidKinds))]
    public async Task A_valid_invoice_of_each_kind_is_still_finalized_and_its_factur_x_written(string rate, string? reason, bool germanClient, bool sellerWithoutVat)
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var clientId = germanClient
            ? (await ApiAssert.Json(await server.Client.Post("v2/clients", GermanClient), HttpStatusCode.Created)).GetProperty("client").GetProperty("id").GetString()!
            : await Seeds.CreateClientAsync(server.Client);
        var body = OneItem(clientId, server.Demo.Account.Iban, rate, reason);
        if (sellerWithoutVat)
        {
            await RemoveTheOrganizationsVatNumberAsync(server);
        }

        var invoice = await Seeds.CreateInvoiceAsync(server.Client, body);

        Assert.Equal("unpaid", invoice.GetProperty("status").GetString());
        await Seeds.WaitForDocumentAsync(server.Client, invoice.GetProperty("id").GetString()!, final: true);
    }

    [Fact]
    public async Task A_retry_of_a_refused_request_under_the_same_idempotency_key_gets_the_same_422()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var body = OneItem(await Seeds.CreateClientAsync(server.Client), server.Demo.Account.Iban, "0", "S259B");
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v2/client_invoices") { Content = Body.Json(body) };
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
            return await server.Client.SendAsync(request);
        }

        var first = await Send();
        var firstErrors = await ErrorsAsync(first);
        var retry = await Send();

        await ApiAssert.Error(retry, HttpStatusCode.UnprocessableEntity, "invalid", "/items/0/vat_exemption_reason");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.StatusCode);
        Assert.Equal(firstErrors, await ErrorsAsync(retry));
        Assert.Equal(0L, await CountAsync(server, "SELECT COUNT(*) FROM client_invoices"));
    }

    [Theory]
    [InlineData(true, "/items/0")]
    [InlineData(false, "/invoice_id")]
    public async Task A_credit_note_that_would_break_a_rule_is_a_422_naming_it_and_nothing_is_issued(bool byLine, string pointer)
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var invoiceId = await StoreInvoiceFinalizedBeforeTheRefusalAsync(server);
        var credit = byLine
            ? CreditNotesTests.Credit(invoiceId, CreditNotesTests.ByQuantity(0, "1"))
            : new JsonObject { ["invoice_id"] = invoiceId, ["reason"] = "Annulation" };

        var error = await ApiAssert.Error(await server.Client.Post("v2/credit_notes", credit), HttpStatusCode.UnprocessableEntity, "invalid", pointer);

        Assert.StartsWith("BR-O-02: ", error.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(server, "SELECT COUNT(*) FROM credit_notes"));
        var invoice = (await ApiAssert.Json(await server.Client.GetAsync($"v2/client_invoices/{invoiceId}"), HttpStatusCode.OK)).GetProperty("client_invoice");
        Assert.Equal(0, invoice.GetProperty("credit_notes_ids").GetArrayLength());
        Assert.Equal("unpaid", invoice.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_document_job_of_an_invoice_stored_before_the_refusal_fails_at_its_first_attempt_naming_the_rule(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var invoiceId = await StoreInvoiceFinalizedBeforeTheRefusalAsync(server);
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var jobId = await TestJobs.EnqueueAsync(server.Database, queue, server.Clock, ClientInvoiceDocumentJob.Kind, invoiceId);
        var claimed = await queue.ClaimAsync("w", TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.Equal(jobId, claimed!.Id);

        await server.App.Services.GetRequiredService<JobRunner>().RunAsync(claimed, CancellationToken.None);

        var job = await TestJobs.ReadAsync(server.Database, jobId);
        Assert.Equal("failed", job.Status);
        Assert.Equal(1L, job.Attempts);
        Assert.Contains("BR-O-02", job.LastError!, StringComparison.Ordinal);
        Assert.StartsWith("Not retried", job.LastError!, StringComparison.Ordinal);
        Assert.Null(await queue.ClaimAsync("w", TimeSpan.FromMinutes(2), CancellationToken.None));
        var invoice = (await ApiAssert.Json(await server.Client.GetAsync($"v2/client_invoices/{invoiceId}"), HttpStatusCode.OK)).GetProperty("client_invoice");
        Assert.Equal(JsonValueKind.Null, invoice.GetProperty("attachment_id").ValueKind);
    }

    /// <summary>
    /// An unpaid invoice of services outside French VAT from a seller with a VAT number (BR-O-02), as finalization
    /// let it be stored before it ran the validator: saved as a draft (drafts are not refused), then numbered and
    /// marked unpaid in the database.
    /// </summary>
    private static async Task<string> StoreInvoiceFinalizedBeforeTheRefusalAsync(RunningServer server)
    {
        var draft = await Seeds.CreateInvoiceAsync(server.Client, OneItem(await Seeds.CreateClientAsync(server.Client), server.Demo.Account.Iban, "0", "S259B", "draft"));
        var id = draft.GetProperty("id").GetString()!;
        var row = (await server.App.Services.GetRequiredService<ClientInvoiceStore>().FindAsync(server.Demo.Organization.Id, id))!;
        row.Status = ClientInvoiceStatus.Unpaid;
        row.Number = "F-2025-000099";
        row.FinalizedAt = row.UpdatedAt;
        row.Rendered = ClientInvoiceRendering.Render(row);
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE client_invoices SET status = @Status, number = @Number, finalized_at = @FinalizedAt, rendered = @Rendered WHERE id = @Id", row, t));
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM jobs", transaction: t));
        return id;
    }

    /// <summary>A seller outside the VAT system (a micro-entrepreneur, an association): no VAT number, only its SIREN.</summary>
    [Fact]
    public async Task A_stored_client_address_breaking_a_french_rule_that_EN_16931_lacks_is_refused_naming_it_and_the_client()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        // Stored as the API no longer accepts it (a space in a directory address): EN 16931 and the Factur-X profile
        // say nothing of its characters, the French rules (BR-FR-23) do.
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync("UPDATE clients SET e_invoicing_address = '123456789 compta' WHERE id = @clientId", new { clientId }, t));

        var error = await ApiAssert.Error(await server.Client.Post("v2/client_invoices", Seeds.DraftBody(clientId, server.Demo.Account.Iban, "unpaid")),
            HttpStatusCode.UnprocessableEntity, "invalid", "/client_id");

        Assert.StartsWith("BR-FR-23", error.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(server, "SELECT COUNT(*) FROM client_invoices"));
    }

    private static Task RemoveTheOrganizationsVatNumberAsync(RunningServer server) =>
        server.Database.WriteAsync((c, t) => c.ExecuteAsync("UPDATE organizations SET vat_number = NULL WHERE id = @id", new { id = server.Demo.Organization.Id }, t));

    private static JsonObject OneItem(string clientId, string iban, string rate, string? reason, string status = "unpaid")
    {
        var body = Seeds.DraftBody(clientId, iban, status);
        body["items"] = new JsonArray(Item(rate, reason));
        return body;
    }

    private static JsonObject Item(string rate, string? reason)
    {
        var item = new JsonObject
        {
            ["title"] = "Conseil stratégique",
            ["quantity"] = "2",
            ["unit"] = "day",
            ["unit_price"] = new JsonObject { ["value"] = "800.00", ["currency"] = "EUR" },
            ["vat_rate"] = rate,
        };
        if (reason is not null)
        {
            item["vat_exemption_reason"] = reason;
        }

        return item;
    }

    private static async Task<List<(string Code, string Detail, string Pointer)>> ErrorsAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("errors").EnumerateArray().Select(e =>
            (e.GetProperty("code").GetString()!, e.GetProperty("detail").GetString()!, e.GetProperty("source").GetProperty("pointer").GetString()!))];
    }

    private static Task<long> CountAsync(RunningServer server, string sql) =>
        server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>(sql));
}
