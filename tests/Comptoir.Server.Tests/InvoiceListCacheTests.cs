using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>List pages are cached per organization version: every kind of change must show on the next list.</summary>
public class InvoiceListCacheTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_change_to_an_invoice_shows_on_the_next_list_whoever_makes_it(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var iban = server.Demo.Account.Iban;

        var a = (await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, iban))).GetProperty("id").GetString()!;
        Assert.Equal([a], Ids(await List(server.Client)));
        Assert.Equal(Ids(await List(server.Client)), Ids(await List(server.Client))); // served again while nothing moved

        await ApiAssert.Json(await server.Client.Patch($"v2/client_invoices/{a}", new JsonObject { ["items"] = Items("3") }), HttpStatusCode.OK);
        Assert.Equal("540.00", Only(await List(server.Client)).GetProperty("total_amount").GetProperty("value").GetString());

        // The worker attaches the draft's PDF in its own transaction.
        var document = await Seeds.WaitForDocumentAsync(server.Client, a, final: false);
        Assert.Equal(document.GetProperty("id").GetString(), Only(await List(server.Client)).GetProperty("attachment_id").GetString());

        await ApiAssert.Json(await server.Client.PostAsync($"v2/client_invoices/{a}/finalize", null), HttpStatusCode.OK);
        var finalized = Only(await List(server.Client));
        Assert.Equal("unpaid", finalized.GetProperty("status").GetString());
        Assert.NotNull(finalized.GetProperty("number").GetString());

        await ApiAssert.Json(await server.Client.PostAsync($"v2/client_invoices/{a}/mark_as_paid", null), HttpStatusCode.OK);
        Assert.Equal("paid", Only(await List(server.Client)).GetProperty("status").GetString());

        var b = (await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, iban))).GetProperty("id").GetString()!;
        Assert.Equal(2, (await List(server.Client)).GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"v2/client_invoices/{b}")).StatusCode);
        Assert.Equal([a], Ids(await List(server.Client)));

        // Another server process on the same database writes; this one must not answer from its cached page.
        await using (var second = await server.StartSecondInstanceAsync())
        {
            var c = (await Seeds.CreateInvoiceAsync(second.Client, Seeds.DraftBody(clientId, iban))).GetProperty("id").GetString()!;
            Assert.Equal([c, a], Ids(await List(server.Client)));
        }

        // A change made outside the API (an operator's SQL) moves the version too: the trigger sees every write.
        await server.Database.WriteAsync((connection, transaction) => connection.ExecuteAsync("DELETE FROM client_invoices WHERE id = @a", new { a }, transaction));
        Assert.DoesNotContain(a, Ids(await List(server.Client)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_client_that_accepts_gzip_gets_the_same_page_gzipped(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        for (var i = 0; i < 5; i++)
        {
            await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban));
        }

        using var plain = await server.Client.GetAsync("v2/client_invoices?per_page=3");
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/client_invoices?per_page=3");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br;q=1.0, gzip;q=0.8");
        using var zipped = await server.Client.SendAsync(request);
        using var refused = new HttpRequestMessage(HttpMethod.Get, "v2/client_invoices?per_page=3");
        refused.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip;q=0");
        using var identity = await server.Client.SendAsync(refused);

        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        var zippedBytes = await zipped.Content.ReadAsByteArrayAsync();
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", zipped.Headers.Vary);
        Assert.True(zippedBytes.Length < plainBytes.Length / 3, $"{zippedBytes.Length} gzipped vs {plainBytes.Length}");
        using var inflater = new GZipStream(new MemoryStream(zippedBytes), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        await inflater.CopyToAsync(inflated);
        Assert.Equal(plainBytes, inflated.ToArray());
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal(plainBytes, await identity.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void Pages_are_served_only_at_their_version_and_the_cache_stays_within_its_bound()
    {
        var cache = new ClientInvoicePageCache(new ServerOptions { ListCacheBytes = 10_000 });

        cache.Store("org-1|page-1", 7, new byte[3_000]);
        Assert.NotNull(cache.Find("org-1|page-1", 7));
        Assert.Null(cache.Find("org-1|page-1", 8));
        cache.Store("org-1|page-1", 6, new byte[10]); // a slower request built an older page: it does not replace
        Assert.Equal(3_000, cache.Find("org-1|page-1", 7)!.Body.Length);

        for (var i = 2; i <= 6; i++)
        {
            cache.Store($"org-1|page-{i}", 7, new byte[3_000]);
            Assert.NotNull(cache.Find($"org-1|page-{i}", 7));
        }

        Assert.InRange(cache.Bytes, 1, 10_000);
        Assert.NotNull(cache.Find("org-1|page-6", 7)); // the newest pages stay, the least recently used went
        Assert.Null(cache.Find("org-1|page-2", 7));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_page_is_built_once_for_concurrent_readers_and_then_served_from_memory(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var clientId = await Seeds.CreateClientAsync(server.Client);
        for (var i = 0; i < 3; i++)
        {
            await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban));
        }

        await Seeds.WaitForJobsAsync(server.Database); // the worker's attachments move the version too
        var cache = server.App.Services.GetRequiredService<ClientInvoicePageCache>();
        var before = cache.Builds;

        var pages = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ => Ids(await List(server.Client))));
        Assert.Equal(before + 1, cache.Builds);
        Assert.All(pages, page => Assert.Equal(pages[0], page));
        Assert.Equal(3, pages[0].Length);

        Assert.Equal(pages[0], Ids(await List(server.Client)));
        Assert.Equal(before + 1, cache.Builds);
    }

    [Fact]
    public async Task Concurrent_misses_of_one_page_share_one_build_and_a_new_version_builds_again()
    {
        var cache = new ClientInvoicePageCache(new ServerOptions());
        var gate = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builds = 0;
        Task<byte[]> Build()
        {
            Interlocked.Increment(ref builds);
            return gate.Task;
        }

        var waiting = Enumerable.Range(0, 32).Select(_ => cache.GetOrBuildAsync("org-1|page-1", 7, Build, CancellationToken.None)).ToArray();
        gate.SetResult(new byte[100]);
        var pages = await Task.WhenAll(waiting);

        Assert.Equal(1, builds);
        Assert.All(pages, page => Assert.Same(pages[0], page));
        Assert.Same(pages[0], await cache.GetOrBuildAsync("org-1|page-1", 7, Build, CancellationToken.None));
        Assert.Equal(1, builds);

        var newer = await cache.GetOrBuildAsync("org-1|page-1", 8, () => Task.FromResult(new byte[50]), CancellationToken.None);
        Assert.Equal(50, newer.Body.Length);
        Assert.Equal(2, cache.Builds);
    }

    [Fact]
    public async Task A_failed_build_fails_its_waiters_and_the_next_request_builds_again()
    {
        var cache = new ClientInvoicePageCache(new ServerOptions());
        var gate = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = Enumerable.Range(0, 4).Select(_ => cache.GetOrBuildAsync("k", 1, () => gate.Task, CancellationToken.None)).ToArray();
        gate.SetException(new TimeoutException("database timeout"));

        foreach (var waiter in waiting)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => waiter);
        }

        var page = await cache.GetOrBuildAsync("k", 1, () => Task.FromResult(new byte[10]), CancellationToken.None);
        Assert.Equal(10, page.Body.Length);
        Assert.Equal(2, cache.Builds);
    }

    [Fact]
    public async Task A_reader_that_goes_away_does_not_cancel_the_build_others_wait_for()
    {
        var cache = new ClientInvoicePageCache(new ServerOptions());
        var gate = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var builderLeaves = new CancellationTokenSource();
        using var waiterLeaves = new CancellationTokenSource();
        var builder = cache.GetOrBuildAsync("k", 1, () => gate.Task, builderLeaves.Token);
        var leavingWaiter = cache.GetOrBuildAsync("k", 1, () => gate.Task, waiterLeaves.Token);
        var stayingWaiter = cache.GetOrBuildAsync("k", 1, () => gate.Task, CancellationToken.None);

        await builderLeaves.CancelAsync();
        await waiterLeaves.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leavingWaiter); // stops waiting at once
        Assert.False(stayingWaiter.IsCompleted);

        gate.SetResult(new byte[10]);
        Assert.Equal(10, (await stayingWaiter).Body.Length);
        Assert.Same(await stayingWaiter, await builder); // the build ran to its end for the others
        Assert.NotNull(cache.Find("k", 1));
        Assert.Equal(1, cache.Builds);
    }

    [Fact]
    public void A_query_total_is_shared_only_at_its_version()
    {
        var cache = new ClientInvoicePageCache(new ServerOptions());

        Assert.Null(cache.FindTotal("org-1|all", 3));
        cache.StoreTotal("org-1|all", 3, 250);
        Assert.Equal(250, cache.FindTotal("org-1|all", 3));
        Assert.Null(cache.FindTotal("org-1|all", 4));
        Assert.Null(cache.FindTotal("org-1|status=paid", 3));
        cache.StoreTotal("org-1|all", 2, 249); // a slower request counted at an older version: it does not replace
        Assert.Equal(250, cache.FindTotal("org-1|all", 3));

        Assert.Null(new ClientInvoicePageCache(new ServerOptions { ListCacheBytes = 0 }).FindTotal("org-1|all", 3));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_page_reports_the_count_of_its_own_query_at_the_current_version(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban))).GetProperty("id").GetString()!);
        }

        await ApiAssert.Json(await server.Client.PostAsync($"v2/client_invoices/{ids[0]}/finalize", null), HttpStatusCode.OK);
        await Seeds.WaitForJobsAsync(server.Database);
        async Task<int> Total(string query) =>
            (await ApiAssert.Json(await server.Client.GetAsync("v2/client_invoices?per_page=1&" + query), HttpStatusCode.OK)).GetProperty("meta").GetProperty("total_count").GetInt32();

        Assert.Equal(new[] { 3, 3, 3 }, new[] { await Total("page=1"), await Total("page=2"), await Total("page=3") });
        Assert.Equal(new[] { 2, 2 }, new[] { await Total("filter[status]=draft&page=1"), await Total("filter[status]=draft&page=2") });
        Assert.Equal(1, await Total("filter[status]=unpaid&page=1"));

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"v2/client_invoices/{ids[1]}")).StatusCode);
        Assert.Equal(new[] { 2, 2 }, new[] { await Total("page=1"), await Total("page=2") });
        Assert.Equal(1, await Total("filter[status]=draft&page=1"));
    }

    [Fact]
    public void A_cache_of_zero_bytes_keeps_nothing()
    {
        var cache = new ClientInvoicePageCache(new ServerOptions { ListCacheBytes = 0 });

        cache.Store("k", 1, new byte[10]);

        Assert.Null(cache.Find("k", 1));
        Assert.Equal(0, cache.Bytes);
    }

    private static async Task<JsonElement> List(HttpClient client) =>
        await ApiAssert.Json(await client.GetAsync("v2/client_invoices?per_page=100"), HttpStatusCode.OK);

    private static string[] Ids(JsonElement page) =>
        page.GetProperty("client_invoices").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();

    private static JsonElement Only(JsonElement page) => Assert.Single(page.GetProperty("client_invoices").EnumerateArray().ToArray());

    private static JsonArray Items(string quantity) => new(new JsonObject
    {
        ["title"] = "Consulting Services — March 2026",
        ["quantity"] = quantity,
        ["unit"] = "hour",
        ["unit_price"] = new JsonObject { ["value"] = "150.00", ["currency"] = "EUR" },
        ["vat_rate"] = "0.20",
    });
}
