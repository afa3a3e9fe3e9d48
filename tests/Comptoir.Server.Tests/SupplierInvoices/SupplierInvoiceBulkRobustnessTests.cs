using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Dapper;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>
/// A bulk upload where one invoice fails inside the database (a real failure: a trigger that refuses its row) still
/// creates the others; and the attachment matcher, which links an upload to the transactions whose receipt is the same
/// file unless skip_attachment_matcher is true.
/// </summary>
public sealed class SupplierInvoiceBulkRobustnessTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_invoice_the_database_refuses_is_an_internal_server_error_of_its_own_and_the_others_are_created(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        await PoisonAsync(server.Database, "poison.pdf");
        Part[] parts =
        [
            .. Item(PlainPdf("a"), "key-a", "a.pdf"),
            .. Item(PlainPdf("poison"), "key-poison", "poison.pdf"),
            .. Item(PlainPdf("b"), "key-b", "b.pdf"),
            .. Item("not an invoice"u8.ToArray(), "key-c", "c.txt"),
        ];

        var body = await ApiAssert.Json(await PostAsync(server.Client, parts), HttpStatusCode.OK);

        Assert.Equal(["a.pdf", "b.pdf"], body.GetProperty("supplier_invoices").EnumerateArray().Select(i => i.GetProperty("file_name").GetString()));
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("source").GetProperty("pointer").GetString())).ToList();
        Assert.Equal([("internal_server_error", "/supplier_invoices/1"), ("invalid", "/supplier_invoices/3/file")], errors);
        // The refused invoice left nothing behind: no row, no file, no analysis job.
        Assert.Equal(2L, await CountAsync(server, "SELECT COUNT(*) FROM supplier_invoices"));
        Assert.Equal(2L, await CountAsync(server, "SELECT COUNT(*) FROM attachments"));
        Assert.Equal(2L, await CountAsync(server, "SELECT COUNT(*) FROM jobs WHERE kind = 'analyze_supplier_invoice'"));

        // Sent again once the fault is gone, with the same keys: the two already made, and the third at last.
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync("DROP TRIGGER poison" + (server.Database.Kind == DatabaseKind.Postgres ? " ON supplier_invoices" : string.Empty), transaction: t));
        var again = await ApiAssert.Json(await PostAsync(server.Client, parts[..6]), HttpStatusCode.OK);
        Assert.Equal(["a.pdf", "poison.pdf", "b.pdf"], again.GetProperty("supplier_invoices").EnumerateArray().Select(i => i.GetProperty("file_name").GetString()));
        Assert.Equal(body.GetProperty("supplier_invoices")[0].GetProperty("id").GetString(), again.GetProperty("supplier_invoices")[0].GetProperty("id").GetString());
        Assert.Equal(3L, await CountAsync(server, "SELECT COUNT(*) FROM supplier_invoices"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_upload_of_a_transactions_receipt_is_matched_to_that_transaction_unless_skipped(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var receipt = PlainPdf("receipt of the card payment");
        var transactionId = await FirstTransactionAsync(server);
        var attachmentId = await AttachToTransactionAsync(server.Client, transactionId, receipt);

        var matched = await ApiAssert.Json(await PostAsync(server.Client, [.. Item(receipt, "same-file", "receipt.pdf"), .. Item(PlainPdf("other"), "other-file", "other.pdf"),
            Part.Field("supplier_invoices[][idempotency_key]", "same-attachment"), Part.Field("supplier_invoices[][attachment_id]", attachmentId)]), HttpStatusCode.OK);
        var invoices = matched.GetProperty("supplier_invoices").EnumerateArray().ToList();
        Assert.Equal([transactionId], invoices[0].GetProperty("matched_transactions").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(0, invoices[1].GetProperty("matched_transactions").GetArrayLength());
        Assert.Equal([transactionId], invoices[2].GetProperty("matched_transactions").EnumerateArray().Select(t => t.GetString()));

        var skipped = await ApiAssert.Json(await PostAsync(server.Client, [.. Item(receipt, "skipped", "receipt-again.pdf"), Part.Field("skip_attachment_matcher", "true")]), HttpStatusCode.OK);
        var skippedId = skipped.GetProperty("supplier_invoices")[0].GetProperty("id").GetString();
        Assert.Equal(0, skipped.GetProperty("supplier_invoices")[0].GetProperty("matched_transactions").GetArrayLength());
        Assert.True(await server.Database.ReadAsync(c => c.ExecuteScalarAsync<bool>("SELECT skip_attachment_matcher FROM supplier_invoices WHERE id = @skippedId", new { skippedId })));
        Assert.False(await server.Database.ReadAsync(c => c.ExecuteScalarAsync<bool>("SELECT skip_attachment_matcher FROM supplier_invoices WHERE id = @id", new { id = invoices[0].GetProperty("id").GetString() })));
    }

    /// <summary>A trigger that refuses the supplier invoice row of one file name: a genuine failure inside the write.</summary>
    private static Task PoisonAsync(Database database, string fileName) => database.WriteAsync((c, t) => c.ExecuteAsync(database.Kind == DatabaseKind.Postgres
        ? $"CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN IF NEW.file_name = '{fileName}' THEN RAISE EXCEPTION 'poisoned row'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; " +
          "CREATE TRIGGER poison BEFORE INSERT ON supplier_invoices FOR EACH ROW EXECUTE FUNCTION poison()"
        : $"CREATE TRIGGER poison BEFORE INSERT ON supplier_invoices WHEN NEW.file_name = '{fileName}' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END", transaction: t));

    private static Task<long> CountAsync(RunningServer server, string sql) => server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>(sql));

    private static async Task<string> FirstTransactionAsync(RunningServer server)
    {
        var list = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions?bank_account_id={server.Demo.Account.Id}"), HttpStatusCode.OK);
        return list.GetProperty("transactions")[0].GetProperty("id").GetString()!;
    }

    private static async Task<string> AttachToTransactionAsync(HttpClient client, string transactionId, byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var request = new HttpRequestMessage(HttpMethod.Post, $"v2/transactions/{transactionId}/attachments") { Content = new MultipartFormDataContent { { file, "file", "receipt.pdf" } } };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        var body = await ApiAssert.Json(await client.SendAsync(request), HttpStatusCode.OK);
        return body.GetProperty("attachment").GetProperty("id").GetString()!;
    }
}
