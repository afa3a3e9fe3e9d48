using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Comptoir.Server.Organizations;
using Comptoir.Server.Tests.Support;
using Dapper;

namespace Comptoir.Server.Tests;

/// <summary>Files uploaded onto a transaction (multipart, as the public API takes them), and removed from it.</summary>
public sealed class TransactionAttachmentsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_file_uploaded_onto_a_transaction_is_listed_downloadable_and_made_once_per_key(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var transaction = await FirstTransactionAsync(server);
        var key = Guid.NewGuid().ToString();

        var first = await UploadAsync(server.Client, transaction, "receipt.pdf", "%PDF-1.7 receipt"u8.ToArray(), key);
        var attachment = (await ApiAssert.Json(first, HttpStatusCode.OK)).GetProperty("attachment");
        var id = attachment.GetProperty("id").GetString()!;
        Assert.Equal("receipt.pdf", attachment.GetProperty("file_name").GetString());
        Assert.Equal("%PDF-1.7 receipt", await server.Client.GetStringAsync(new Uri(attachment.GetProperty("url").GetString()!)));

        var again = await UploadAsync(server.Client, transaction, "receipt.pdf", "%PDF-1.7 receipt"u8.ToArray(), key);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(id, (await ApiAssert.Json(again, HttpStatusCode.OK)).GetProperty("attachment").GetProperty("id").GetString());
        Assert.Equal(1L, await server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM attachments")));

        var listed = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{transaction}/attachments"), HttpStatusCode.OK);
        Assert.Equal([id], listed.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        var read = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{transaction}"), HttpStatusCode.OK);
        Assert.Equal([id], read.GetProperty("transaction").GetProperty("attachment_ids").EnumerateArray().Select(a => a.GetString()));

        // The JSON form attaches an attachment uploaded before.
        var uploaded = await ApiAssert.Json(await UploadAsync(server.Client, null, "invoice.pdf", "%PDF-1.7 invoice"u8.ToArray(), Guid.NewGuid().ToString()), HttpStatusCode.Created);
        var second = uploaded.GetProperty("attachment").GetProperty("id").GetString()!;
        await ApiAssert.Json(await server.Client.Post($"v2/transactions/{transaction}/attachments", new JsonObject { ["attachment_id"] = second }), HttpStatusCode.OK);
        Assert.Equal(2, (await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{transaction}/attachments"), HttpStatusCode.OK)).GetProperty("attachments").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Attachments_are_removed_one_or_all_and_the_files_stay(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var transaction = await FirstTransactionAsync(server);
        var ids = new List<string>();
        foreach (var name in new[] { "a.pdf", "b.pdf", "c.pdf" })
        {
            var response = await UploadAsync(server.Client, transaction, name, "%PDF-1.7"u8.ToArray(), Guid.NewGuid().ToString());
            ids.Add((await ApiAssert.Json(response, HttpStatusCode.OK)).GetProperty("attachment").GetProperty("id").GetString()!);
        }

        var before = (await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{transaction}"), HttpStatusCode.OK)).GetProperty("transaction").GetProperty("updated_at").GetString();
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var removed = await server.Client.DeleteAsync($"v2/transactions/{transaction}/attachments/{ids[1]}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var listed = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{transaction}/attachments"), HttpStatusCode.OK);
        Assert.Equal([ids[0], ids[2]], listed.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        // A sync by updated_at sees the change.
        Assert.NotEqual(before, (await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{transaction}"), HttpStatusCode.OK)).GetProperty("transaction").GetProperty("updated_at").GetString());
        await ApiAssert.Error(await server.Client.DeleteAsync($"v2/transactions/{transaction}/attachments/{ids[1]}"), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"v2/transactions/{transaction}/attachments")).StatusCode);
        Assert.Equal(0, (await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{transaction}/attachments"), HttpStatusCode.OK)).GetProperty("attachments").GetArrayLength());
        // The files are still there (a transfer may name them).
        await ApiAssert.Json(await server.Client.GetAsync($"v2/attachments/{ids[0]}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Uploads_need_a_key_a_file_and_a_transaction_of_ones_own()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var transaction = await FirstTransactionAsync(server);

        await ApiAssert.Error(await UploadAsync(server.Client, transaction, "a.pdf", "%PDF"u8.ToArray(), key: null), HttpStatusCode.BadRequest, "idempotency_key_required");
        var truncated = new HttpRequestMessage(HttpMethod.Post, $"v2/transactions/{transaction}/attachments") { Content = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF"u8.ToArray()) };
        truncated.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        truncated.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        await ApiAssert.Error(await server.Client.SendAsync(truncated), HttpStatusCode.BadRequest, "invalid_multipart");

        var other = await DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var stranger = server.NewClient(other.Authorization);
        await ApiAssert.Error(await UploadAsync(stranger, transaction, "a.pdf", "%PDF"u8.ToArray(), Guid.NewGuid().ToString()), HttpStatusCode.NotFound);
        await ApiAssert.Error(await stranger.DeleteAsync($"v2/transactions/{transaction}/attachments"), HttpStatusCode.NotFound);
        Assert.Equal(0L, await server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM attachments")));
    }

    private static async Task<string> FirstTransactionAsync(RunningServer server)
    {
        var list = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions?bank_account_id={server.Demo.Account.Id}"), HttpStatusCode.OK);
        return list.GetProperty("transactions")[0].GetProperty("id").GetString()!;
    }

    // Onto the transaction, or to POST /v2/attachments when transaction is null.
    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string? transaction, string name, byte[] content, string? key)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        var request = new HttpRequestMessage(HttpMethod.Post, transaction is null ? "v2/attachments" : $"v2/transactions/{transaction}/attachments") { Content = form };
        if (key is not null)
        {
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }
}
