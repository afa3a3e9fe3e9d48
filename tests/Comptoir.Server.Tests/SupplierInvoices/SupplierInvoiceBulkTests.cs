using System.Net;
using System.Text.Json;
using Comptoir.Server.Tests.Support;
using Dapper;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>POST /v2/supplier_invoices/bulk: per-invoice errors in a 200, limits, and idempotency keys that hold.</summary>
public sealed class SupplierInvoiceBulkTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Twenty_invoices_with_three_bad_ones_create_seventeen_and_name_the_three(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var attachmentId = await UploadAttachmentAsync(server.Client);
        var parts = new List<Part>();
        var keys = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var key = $"key-{i}";
            keys.Add(key);
            switch (i)
            {
                case 3: // 11 MB: over the per-file limit
                    parts.AddRange(Item(new byte[11 * 1024 * 1024], key, "huge.pdf"));
                    break;
                case 7: // both a file and an attachment id
                    parts.Add(Part.FileOf("supplier_invoices[][file]", PlainPdf(), "both.pdf"));
                    parts.Add(Part.Field("supplier_invoices[][attachment_id]", attachmentId));
                    parts.Add(Part.Field("supplier_invoices[][idempotency_key]", key));
                    break;
                case 12: // no key
                    parts.Add(Part.FileOf("supplier_invoices[][file]", PlainPdf(), "nokey.pdf"));
                    break;
                default:
                    parts.AddRange(Item(PlainPdf($"invoice {i}"), key, $"invoice-{i}.pdf"));
                    break;
            }
        }

        var body = await ApiAssert.Json(await PostAsync(server.Client, parts), HttpStatusCode.OK);

        var created = body.GetProperty("supplier_invoices").EnumerateArray().ToList();
        Assert.Equal(17, created.Count);
        Assert.All(created, c => Assert.Equal("to_review", c.GetProperty("status").GetString()));
        Assert.All(created, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("analyzed_at").ValueKind));
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("source").GetProperty("pointer").GetString())).ToList();
        Assert.Equal([("invalid", "/supplier_invoices/3/file"), ("invalid", "/supplier_invoices/7/attachment_id"), ("required", "/supplier_invoices/12/idempotency_key")], errors);
        Assert.Equal(17L, await CountAsync(server));

        // The same request again: the same 17, nothing new.
        var again = await ApiAssert.Json(await PostAsync(server.Client, parts), HttpStatusCode.OK);
        Assert.Equal(Ids(body), Ids(again));
        Assert.Equal(17L, await CountAsync(server));
        Assert.Equal(18L, await server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM attachments")));
    }

    [Fact]
    public async Task Beyond_twenty_invoices_each_one_more_is_limit_reached()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var parts = Enumerable.Range(0, 22).SelectMany(i => Item(PlainPdf($"n{i}"), $"k{i}", $"f{i}.pdf"));

        var body = await ApiAssert.Json(await PostAsync(server.Client, parts), HttpStatusCode.OK);

        Assert.Equal(20, body.GetProperty("supplier_invoices").GetArrayLength());
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["/supplier_invoices/20", "/supplier_invoices/21"], errors.Select(e => e.GetProperty("source").GetProperty("pointer").GetString()));
        Assert.All(errors, e => Assert.Equal("limit_reached", e.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_indexed_spelling_pairs_parts_by_index_in_any_order_and_reports_the_clients_index()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        Part[] parts =
        [
            Part.Field("supplier_invoices[0][idempotency_key]", "a"),
            Part.Field("supplier_invoices[1][idempotency_key]", "b"),
            Part.Field("supplier_invoices[5][idempotency_key]", "c"),
            Part.FileOf("supplier_invoices[1][file]", PlainPdf("b"), "b.pdf"),
            Part.FileOf("supplier_invoices[0][file]", PlainPdf("a"), "a.pdf"),
            Part.FileOf("supplier_invoices[5][file]", "GIF89a not accepted"u8.ToArray(), "c.gif"),
        ];

        var body = await ApiAssert.Json(await PostAsync(server.Client, parts), HttpStatusCode.OK);

        Assert.Equal(["a.pdf", "b.pdf"], body.GetProperty("supplier_invoices").EnumerateArray().Select(i => i.GetProperty("file_name").GetString()));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("invalid", error.GetProperty("code").GetString());
        Assert.Equal("/supplier_invoices/5/file", error.GetProperty("source").GetProperty("pointer").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_key_returns_its_invoice_in_the_same_request_and_from_another_process(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var attachmentId = await UploadAttachmentAsync(server.Client);
        Part[] parts =
        [
            .. Item(PlainPdf("one"), "same", "one.pdf"),
            .. Item(PlainPdf("two"), "same", "two.pdf"),
            // With the [] spelling a field already set starts the next invoice: the key first here, then its attachment.
            Part.Field("supplier_invoices[][idempotency_key]", "by-attachment"),
            Part.Field("supplier_invoices[][attachment_id]", attachmentId),
            Part.Field("source", "integration"),
            Part.Field("meta", """{"po": "PO-7", "lines": [1, 2]}"""),
        ];

        var body = await ApiAssert.Json(await PostAsync(server.Client, parts), HttpStatusCode.OK);
        var invoices = body.GetProperty("supplier_invoices").EnumerateArray().ToList();
        Assert.Equal(2, invoices.Count);
        Assert.Equal("one.pdf", invoices[0].GetProperty("file_name").GetString());
        Assert.Equal(attachmentId, invoices[1].GetProperty("attachment_id").GetString());
        Assert.Equal("attachment", invoices[1].GetProperty("source_type").GetString());
        Assert.Equal("integration", invoices[0].GetProperty("source").GetString());
        Assert.Equal("PO-7", invoices[0].GetProperty("meta").GetProperty("po").GetString());

        // A second server process on the same database, as after a restart, knows the keys.
        await using var second = await server.StartSecondInstanceAsync();
        var later = await ApiAssert.Json(await PostAsync(second.Client, Item(PlainPdf("three"), "same", "three.pdf")), HttpStatusCode.OK);
        Assert.Equal(invoices[0].GetProperty("id").GetString(), Assert.Single(later.GetProperty("supplier_invoices").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(2L, await CountAsync(server));
    }

    [Fact]
    public async Task Request_level_mistakes_are_a_400_and_the_envelope_never_a_500()
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        await ApiAssert.Error(await PostAsync(server.Client, [.. Item(PlainPdf(), "k"), Part.Field("source", "fax")]), HttpStatusCode.BadRequest, "not_in_list", "/source");
        await ApiAssert.Error(await PostAsync(server.Client, [.. Item(PlainPdf(), "k"), Part.Field("meta", "[1]")]), HttpStatusCode.BadRequest, "invalid", "/meta");
        await ApiAssert.Error(await PostAsync(server.Client, [.. Item(PlainPdf(), "k"), Part.Field("meta", "{")]), HttpStatusCode.BadRequest, "invalid", "/meta");
        await ApiAssert.Error(await PostAsync(server.Client, [.. Item(PlainPdf(), "k"), Part.Field("skip_attachment_matcher", "maybe")]), HttpStatusCode.BadRequest, "invalid", "/skip_attachment_matcher");
        await ApiAssert.Error(await PostAsync(server.Client, [Part.Field("supplier_invoices[0][idempotency_key]", "x"), Part.Field("supplier_invoices[][idempotency_key]", "y")]), HttpStatusCode.BadRequest, "invalid");
        await ApiAssert.Error(await server.Client.PostAsync("v2/supplier_invoices/bulk", Body.Json("{}")), HttpStatusCode.BadRequest, "invalid_content_type");
        var cut = new StringContent("--b\r\nContent-Disposition: form-data; name=\"supplier_invoices[][file]\"; filename=\"a.pdf\"\r\n\r\n%PDF", System.Text.Encoding.ASCII);
        cut.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await ApiAssert.Error(await server.Client.PostAsync("v2/supplier_invoices/bulk", cut), HttpStatusCode.BadRequest, "invalid_multipart");

        // Nothing usable at all is still a 200 with the errors.
        var empty = await ApiAssert.Json(await PostAsync(server.Client, [Part.Field("supplier_invoices[][idempotency_key]", "lonely")]), HttpStatusCode.OK);
        Assert.Equal("/supplier_invoices/0/file", empty.GetProperty("errors")[0].GetProperty("source").GetProperty("pointer").GetString());
        Assert.Equal(0L, await CountAsync(server));
    }

    [Fact]
    public async Task Files_beyond_fifteen_MB_in_one_request_are_refused_one_by_one()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var sixMb = PlainPdf().Concat(new byte[6 * 1024 * 1024]).ToArray();
        var parts = Enumerable.Range(0, 3).SelectMany(i => Item(sixMb, $"big-{i}", $"big-{i}.pdf"));

        var body = await ApiAssert.Json(await PostAsync(server.Client, parts), HttpStatusCode.OK);

        Assert.Equal(2, body.GetProperty("supplier_invoices").GetArrayLength());
        Assert.Equal("/supplier_invoices/2/file", Assert.Single(body.GetProperty("errors").EnumerateArray()).GetProperty("source").GetProperty("pointer").GetString());
    }

    [Fact]
    public async Task Another_organizations_attachment_id_is_refused()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var otherClient = server.NewClient(other.Authorization);
        var foreign = await UploadAttachmentAsync(otherClient);

        var body = await ApiAssert.Json(await PostAsync(server.Client, [Part.Field("supplier_invoices[][attachment_id]", foreign), Part.Field("supplier_invoices[][idempotency_key]", "k")]), HttpStatusCode.OK);

        Assert.Equal("/supplier_invoices/0/attachment_id", Assert.Single(body.GetProperty("errors").EnumerateArray()).GetProperty("source").GetProperty("pointer").GetString());
    }

    internal static async Task<string> UploadAttachmentAsync(HttpClient client)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(PlainPdf("attachment")), "file", "existing.pdf" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = form };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        var created = await ApiAssert.Json(await client.SendAsync(request), HttpStatusCode.Created);
        return created.GetProperty("attachment").GetProperty("id").GetString()!;
    }

    private static List<string?> Ids(JsonElement body) =>
        body.GetProperty("supplier_invoices").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();

    private static Task<long> CountAsync(RunningServer server) =>
        server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM supplier_invoices"));
}
