using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Comptoir.Server.Tests.Support;
using Xunit.Abstractions;

namespace Comptoir.Server.Tests;

/// <summary>
/// SQLite on storage that really fills up under write load through the API (a tmpfs, or a file-size limit where
/// mounting is refused: the test prints which ran). Every refused write is a 503 with Retry-After in the envelope,
/// never a 500 or a dropped connection; every accepted write is there afterwards; the process lives on; and once
/// there is room again, writes succeed without a restart.
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_full_disk_refuses_writes_with_503_keeps_every_accepted_one_and_recovers_when_space_is_freed()
    {
        await using var server = await FillableServer.StartAsync();
        output.WriteLine($"full storage: {server.Kind}");
        var client = server.Client;
        await ApiAssert.Json(await client.GetAsync("readyz"), HttpStatusCode.OK);

        var clients = new ConcurrentBag<string>();
        var attachments = new ConcurrentBag<string>();
        var refusedClients = 0;
        var refused = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; Volatile.Read(ref refused) < 6 && clock.Elapsed < LoadLimit; i++)
            {
                // Mostly 96 KB uploads, which fill the disk, with small client creations between them.
                var isClient = i % 3 == 0;
                using var response = isClient ? await client.Post("v2/clients", Seeds.AcmeClient) : await client.SendAsync(Upload(worker, i));
                if (response.IsSuccessStatusCode)
                {
                    var body = await ApiAssert.Json(response, HttpStatusCode.Created);
                    (isClient ? clients : attachments).Add(body.GetProperty(isClient ? "client" : "attachment").GetProperty("id").GetString()!);
                    continue;
                }

                await AssertUnavailable(response);
                Interlocked.Increment(ref refused);
                if (isClient)
                {
                    Interlocked.Increment(ref refusedClients);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        output.WriteLine($"{clients.Count} clients and {attachments.Count} attachments accepted, {refused} writes refused, in {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.True(refused > 0, $"the storage never filled up in {LoadLimit.TotalSeconds} s");
        if (server.Log is { } log)
        {
            // Behind the 503s, SQLite itself said so: SQLITE_FULL (13) or SQLITE_IOERR (10, EFBIG past the limit).
            Assert.Matches("SQLite Error (13|10)", log);
        }

        Assert.True(server.IsAlive);
        await ApiAssert.Json(await client.GetAsync("healthz"), HttpStatusCode.OK);
        using (var ready = await client.GetAsync("readyz"))
        {
            if (server.ReadinessSeesFull || ready.StatusCode != HttpStatusCode.OK)
            {
                await AssertUnavailable(ready);
            }
        }

        await server.FreeSpaceAsync();

        // No restart: the same process takes writes again, and says it is ready.
        clients.Add((await ApiAssert.Json(await client.Post("v2/clients", Seeds.AcmeClient), HttpStatusCode.Created)).GetProperty("client").GetProperty("id").GetString()!);
        await ApiAssert.Json(await client.SendAsync(Upload(99, 0)), HttpStatusCode.Created);
        Assert.Equal("ready", (await ApiAssert.Json(await client.GetAsync("readyz"), HttpStatusCode.OK)).GetProperty("status").GetString());
        foreach (var id in clients)
        {
            await ApiAssert.Json(await client.GetAsync($"v2/clients/{id}"), HttpStatusCode.OK);
        }

        foreach (var id in attachments)
        {
            await ApiAssert.Json(await client.GetAsync($"v2/attachments/{id}"), HttpStatusCode.OK);
        }

        // A refused client creation left nothing behind: exactly the accepted ones exist.
        var listed = await ApiAssert.Json(await client.GetAsync("v2/clients?per_page=1"), HttpStatusCode.OK);
        Assert.Equal(clients.Count, listed.GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.True(server.IsAlive);
    }

    private static async Task AssertUnavailable(HttpResponseMessage response)
    {
        await ApiAssert.Error(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 without Retry-After");
    }

    private static HttpRequestMessage Upload(int worker, int index)
    {
        var bytes = new byte[96 * 1024];
        Random.Shared.NextBytes(bytes); // incompressible
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent { { file, "file", $"scan-{worker}-{index}.pdf" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = form };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }
}
