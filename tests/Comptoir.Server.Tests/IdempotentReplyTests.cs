using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Dapper;

namespace Comptoir.Server.Tests;

/// <summary>
/// A keyed POST's reply is stored in the transaction of the write it answers. The proof: when storing the reply
/// fails (a trigger makes it fail, on the real engine), the write is not there either; once storing works, the same
/// key executes once and every repeat is a replay of those very bytes.
/// </summary>
public sealed class IdempotentReplyTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Creating_a_client_and_its_reply_commit_together(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        await AssertAtomicAsync(server,
            key => Send(server, "v2/clients", Body.Seed(Seeds.AcmeClient), key),
            "SELECT COUNT(*) FROM clients");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Creating_an_invoice_and_its_reply_commit_together(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var clientId = await Seeds.CreateClientAsync(server.Client);
        await AssertAtomicAsync(server,
            key => Send(server, "v2/client_invoices", Seeds.DraftBody(clientId, server.Demo.Account.Iban), key),
            "SELECT COUNT(*) FROM client_invoices");
        // Finalized at once: the number and the document job come with it, or nothing does.
        await AssertAtomicAsync(server,
            key => Send(server, "v2/client_invoices", Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"), key),
            "SELECT COUNT(*) FROM client_invoices WHERE number IS NOT NULL");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Finalizing_and_its_reply_commit_together_and_numbering_stays_gapless(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var draft = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban));
        var id = draft.GetProperty("id").GetString()!;
        var reply = await AssertAtomicAsync(server,
            key => Send(server, $"v2/client_invoices/{id}/finalize", null, key),
            "SELECT status || ' ' || COALESCE(number, '-') FROM client_invoices");
        Assert.Equal("F-2026-000001", JsonNode.Parse(reply)!["client_invoice"]!["number"]!.GetValue<string>());

        foreach (var action in new[] { "mark_as_paid", "unmark_as_paid", "mark_as_canceled" })
        {
            await AssertAtomicAsync(server, key => Send(server, $"v2/client_invoices/{id}/{action}", null, key), "SELECT status FROM client_invoices");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Issuing_a_credit_note_and_its_reply_commit_together_and_its_numbering_stays_gapless(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var invoice = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));
        var id = invoice.GetProperty("id").GetString()!;
        var body = new JsonObject { ["invoice_id"] = id, ["reason"] = "Geste commercial", ["items"] = new JsonArray(new JsonObject { ["item_index"] = 0, ["quantity"] = "1" }) };
        // The credit note, its number, its document job and the invoice's credit_notes_ids, or none of them.
        var reply = await AssertAtomicAsync(server, key => Send(server, "v2/credit_notes", body.DeepClone(), key),
            "SELECT (SELECT COUNT(*) FROM credit_notes) || ' ' || (SELECT COUNT(*) FROM jobs WHERE kind = 'render_credit_note') || ' ' || (SELECT body FROM client_invoices)");
        Assert.Equal("AV-2026-000001", JsonNode.Parse(reply)!["credit_note"]!["number"]!.GetValue<string>());
        var next = await ApiAssert.Json(await server.Client.Post("v2/credit_notes", body), HttpStatusCode.Created);
        Assert.Equal("AV-2026-000002", next.GetProperty("credit_note").GetProperty("number").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Subscribing_to_webhooks_and_its_reply_commit_together(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var reply = await AssertAtomicAsync(server,
            key => Send(server, "v2/webhook_subscriptions", new JsonObject { ["callback_url"] = "https://erp.example.com/h", ["types"] = new JsonArray("v1/clients") }, key),
            "SELECT COUNT(*) FROM webhook_subscriptions");
        // The replay shows the secret given at creation, the same bytes.
        Assert.StartsWith("whsec_", JsonNode.Parse(reply)!["secret"]!.GetValue<string>(), StringComparison.Ordinal);
        var id = JsonNode.Parse(reply)!["id"]!.GetValue<string>();
        await AssertAtomicAsync(server, key => Send(server, $"v2/webhook_subscriptions/{id}/test", null, key), "SELECT COUNT(*) FROM webhook_events");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_webhook_event_commits_with_its_change_or_not_at_all(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        await ApiAssert.Json(await server.Client.Post("v2/webhook_subscriptions", new JsonObject { ["callback_url"] = "https://erp.example.com/h", ["types"] = new JsonArray("v1/clients") }), HttpStatusCode.Created);
        // A client whose write rolls back (its reply could not be stored) leaves no event; the one that commits has one,
        // queued for fan-out or already fanned out into its delivery (the dispatcher does both in one transaction).
        await AssertAtomicAsync(server,
            key => Send(server, "v2/clients", Body.Seed(Seeds.AcmeClient), key),
            "SELECT (SELECT COUNT(*) FROM clients) || '/' || (SELECT COUNT(*) FROM webhook_events) || '/' || ((SELECT COUNT(*) FROM webhook_fanout) + (SELECT COUNT(*) FROM webhook_deliveries))");
        Assert.Equal("1/1/1", await ScalarAsync(server.Database, "SELECT (SELECT COUNT(*) FROM clients) || '/' || (SELECT COUNT(*) FROM webhook_events) || '/' || ((SELECT COUNT(*) FROM webhook_fanout) + (SELECT COUNT(*) FROM webhook_deliveries))"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Uploading_an_attachment_and_its_reply_commit_together(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var reply = await AssertAtomicAsync(server, key =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent("%PDF-1.7 receipt"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "receipt.pdf");
            var request = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = form };
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
            return server.Client.SendAsync(request);
        }, "SELECT COUNT(*) FROM attachments");
        // The replayed signed URL is the one first given, and it still downloads the file.
        var url = JsonNode.Parse(reply)!["attachment"]!["url"]!.GetValue<string>();
        Assert.Equal("%PDF-1.7 receipt", await server.Client.GetStringAsync(new Uri(url)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Uploading_supplier_invoices_their_actions_and_their_replies_commit_together(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var reply = await AssertAtomicAsync(server, key =>
        {
            var form = SupplierInvoices.SupplierInvoiceUploads.Form(SupplierInvoices.SupplierInvoiceUploads.Item("%PDF-1.7 bill"u8.ToArray(), "item-key", "bill.pdf"));
            var request = new HttpRequestMessage(HttpMethod.Post, "v2/supplier_invoices/bulk") { Content = form };
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
            return server.Client.SendAsync(request);
        }, "SELECT COUNT(*) FROM supplier_invoices");
        var id = JsonNode.Parse(reply)!["supplier_invoices"]![0]!["id"]!.GetValue<string>();

        foreach (var action in new[] { "mark_as_paid", "unmark_as_paid", "reject" })
        {
            await AssertAtomicAsync(server, key => Send(server, $"v2/supplier_invoices/{id}/{action}", null, key), "SELECT status FROM supplier_invoices");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_transfer_its_reservation_and_its_reply_commit_together(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        var body = Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, "12.34");
        var reply = await AssertAtomicAsync(server, key => server.Client.PostTransferAsync(body, key),
            "SELECT (SELECT COUNT(*) FROM transfers) || ' ' || (SELECT authorized_balance_cents FROM bank_accounts WHERE id = '" + server.Demo.Account.Id + "')");
        var transferId = JsonNode.Parse(reply)!["transfer"]!["id"]!.GetValue<string>();

        await AssertAtomicAsync(server, key => Send(server, $"v2/sepa/transfers/{transferId}/cancel", null, key),
            "SELECT status FROM transfers");
        await server.AssertLedgerAsync(server.Demo.Account.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_sca_decision_and_its_reply_commit_together(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { StagingToken = "stg" });
        server.Client.DefaultRequestHeaders.Add("X-Qonto-Staging-Token", "stg");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Nouveau Fournisseur", Payments.SupplierIban, null, trusted: false);
        var body = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Nouveau Fournisseur"), server.Demo.Account.Id, beneficiary.Id, "99.00");
        var challenge = await ApiAssert.Json(await server.Client.PostTransferAsync(body), HttpStatusCode.PreconditionRequired);
        var sca = challenge.GetProperty("sca_session_token").GetString()!;

        await AssertAtomicAsync(server, key => Send(server, $"v2/mocked_sca_sessions/{sca}", null, key), "SELECT status FROM sca_sessions");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_request_that_can_never_succeed_opens_no_sca_session(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Nouveau Fournisseur", Payments.SupplierIban, null, trusted: false);
        var forAnother = await server.TokenAsync(Payments.SupplierIban, "Quelqu'un d'autre");
        var valid = await server.TokenAsync(Payments.SupplierIban, "Nouveau Fournisseur");

        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(forAnother, server.Demo.Account.Id, beneficiary.Id, "99.00")),
            HttpStatusCode.UnprocessableEntity, "invalid", "/vop_proof_token");
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(valid, Guid.NewGuid().ToString(), beneficiary.Id, "99.00")),
            HttpStatusCode.UnprocessableEntity, "not_found", "/transfer/bank_account_id");
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(valid, server.Demo.Account.Id, beneficiary.Id, "30000.01")),
            HttpStatusCode.UnprocessableEntity, "required", "/transfer/attachment_ids");
        Assert.Equal("0", await ScalarAsync(server.Database, "SELECT COUNT(*) FROM sca_sessions"));

        // The same transfer with everything right still asks for the session, and the token is still usable after.
        await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(valid, server.Demo.Account.Id, beneficiary.Id, "99.00")), HttpStatusCode.PreconditionRequired);
        Assert.Equal("1", await ScalarAsync(server.Database, "SELECT COUNT(*) FROM sca_sessions"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Adding_a_beneficiary_and_its_reply_commit_together(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var body = new JsonObject { ["beneficiary"] = new JsonObject { ["name"] = "Fournitures Durand", ["iban"] = Payments.SupplierIban, ["bic"] = "AGRIFRPP" } };
        var reply = await AssertAtomicAsync(server, key => Send(server, "v2/sepa/beneficiaries", body.DeepClone(), key), "SELECT COUNT(*) FROM beneficiaries");
        Assert.False(JsonNode.Parse(reply)!["beneficiary"]!["trusted"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_file_uploaded_onto_a_transaction_its_link_and_its_reply_commit_together(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var transactions = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions?bank_account_id={server.Demo.Account.Id}"), HttpStatusCode.OK);
        var transaction = transactions.GetProperty("transactions")[0].GetProperty("id").GetString()!;
        await AssertAtomicAsync(server, key =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent("%PDF-1.7 receipt"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "receipt.pdf");
            var request = new HttpRequestMessage(HttpMethod.Post, $"v2/transactions/{transaction}/attachments") { Content = form };
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
            return server.Client.SendAsync(request);
        }, "SELECT (SELECT COUNT(*) FROM attachments) || ' ' || (SELECT COUNT(*) FROM transaction_attachments)");
    }

    [Fact]
    public async Task A_token_without_the_scope_never_sees_a_reply_stored_under_its_key()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var key = Guid.NewGuid().ToString();
        await ApiAssert.Json(await Send(server, "v2/clients", Body.Seed(Seeds.AcmeClient), key), HttpStatusCode.Created);
        var (_, token) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.ClientRead }, null, "reader");
        using var reader = server.NewClient("Bearer " + token);
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/clients") { Content = Body.Json(Body.Seed(Seeds.AcmeClient)) };
        request.Headers.Add("X-Qonto-Idempotency-Key", key);

        var refused = await reader.SendAsync(request);

        await ApiAssert.Error(refused, HttpStatusCode.Forbidden, "missing_scope");
        Assert.False(refused.Headers.Contains("Idempotent-Replayed"));
    }

    /// <summary>
    /// With storing the reply made to fail, the request fails and <paramref name="observe"/> sees nothing change; then
    /// the same key runs once (the state changes) and its repeat replays the same bytes without changing anything.
    /// Returns the reply.
    /// </summary>
    private static async Task<string> AssertAtomicAsync(RunningServer server, Func<string, Task<HttpResponseMessage>> send, string observe)
    {
        var key = Guid.NewGuid().ToString();
        var before = await ScalarAsync(server.Database, observe);
        await FailStoringRepliesAsync(server.Database, fail: true);
        try
        {
            var refused = await send(key);
            Assert.False(refused.IsSuccessStatusCode, $"storing the reply failed, yet the request answered {(int)refused.StatusCode}");
            Assert.Equal(before, await ScalarAsync(server.Database, observe));
        }
        finally
        {
            await FailStoringRepliesAsync(server.Database, fail: false);
        }

        var first = await send(key);
        Assert.True(first.IsSuccessStatusCode, $"{(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var firstBody = await first.Content.ReadAsStringAsync();
        var after = await ScalarAsync(server.Database, observe);
        Assert.NotEqual(before, after);

        var repeat = await send(key);
        Assert.Equal(first.StatusCode, repeat.StatusCode);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody, await repeat.Content.ReadAsStringAsync());
        Assert.Equal(after, await ScalarAsync(server.Database, observe));
        return firstBody;
    }

    private static Task<HttpResponseMessage> Send(RunningServer server, string path, JsonNode? body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = Body.Json(body);
        }

        request.Headers.Add("X-Qonto-Idempotency-Key", key);
        return server.Client.SendAsync(request);
    }

    private static async Task<string> ScalarAsync(Database database, string sql) =>
        Convert.ToString(await database.ReadAsync(c => c.ExecuteScalarAsync<object>(sql)), System.Globalization.CultureInfo.InvariantCulture) ?? "null";

    // A trigger refuses to mark a key done: the reply cannot be stored, as if the process died right there.
    private static Task FailStoringRepliesAsync(Database database, bool fail) => database.WriteAsync(async (c, t) =>
    {
        var statements = (database.Kind, fail) switch
        {
            (DatabaseKind.Sqlite, true) => ["CREATE TRIGGER fail_storing_replies BEFORE UPDATE ON idempotency_keys WHEN NEW.state = 'done' BEGIN SELECT RAISE(ABORT, 'storing the reply failed'); END"],
            (DatabaseKind.Sqlite, false) => ["DROP TRIGGER fail_storing_replies"],
            (_, true) => new[]
            {
                "CREATE OR REPLACE FUNCTION fail_storing_replies() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'storing the reply failed'; END $$",
                "CREATE TRIGGER fail_storing_replies BEFORE UPDATE ON idempotency_keys FOR EACH ROW WHEN (NEW.state = 'done') EXECUTE FUNCTION fail_storing_replies()",
            },
            (_, false) => ["DROP TRIGGER fail_storing_replies ON idempotency_keys"],
        };
        foreach (var sql in statements)
        {
            await c.ExecuteAsync(sql, transaction: t);
        }

        return 0;
    });
}
