using System.Net;
using Comptoir.Server.Tests.Support;
using Xunit.Abstractions;

namespace Comptoir.Server.Tests;

/// <summary>
/// SQLite's data directory taken away while the server runs (renamed, as an unmounted volume), then brought back,
/// and its database file made read-only: writes are refused with 503, none lands in a file that is no longer the
/// database, and the same process serves again once the storage is back.
/// </summary>
public sealed class VanishedStorageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_vanished_data_directory_gets_503_and_writes_resume_when_it_is_back_then_a_read_only_file_too()
    {
        var root = Directory.CreateTempSubdirectory("comptoir-vanish-").FullName;
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var away = Path.Combine(root, "data.away");
        var file = Path.Combine(data, "comptoir.db");
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { Database = file, DataDirectory = data });
        await Seeds.CreateClientAsync(server.Client);
        var accepted = 1;

        Directory.Move(data, away);
        // The first write meets the writer's open file, no longer at its path; the next ones find no file to open.
        for (var i = 0; i < 3; i++)
        {
            await AssertUnavailable(await server.Client.Post("v2/clients", Seeds.AcmeClient));
        }

        await AssertUnavailable(await server.Client.GetAsync("readyz"));
        await ApiAssert.Json(await server.Client.GetAsync("healthz"), HttpStatusCode.OK);
        Assert.False(Directory.Exists(data), "the server created a new, empty data directory");

        Directory.Move(away, data);
        await CreateClientOnceBackAsync(server);
        accepted++;
        await ApiAssert.Json(await server.Client.GetAsync("readyz"), HttpStatusCode.OK);
        Assert.Equal(accepted, await CountClientsAsync(server));

        // Read-only: root ignores permission bits, so the file is made immutable, which binds root too. A file
        // already open stays writable, so the writer is first made to reopen it (the directory away once more).
        Directory.Move(data, away);
        await AssertUnavailable(await server.Client.Post("v2/clients", Seeds.AcmeClient));
        var immutable = ScratchVolume.Run("chattr", "+i", Path.Combine(away, "comptoir.db")) == 0;
        Directory.Move(away, data);
        try
        {
            if (immutable)
            {
                await AssertUnavailable(await server.Client.Post("v2/clients", Seeds.AcmeClient));
                await AssertUnavailable(await server.Client.GetAsync("readyz"));
            }
            else
            {
                output.WriteLine("chattr +i is not supported here: the read-only part did not run");
            }
        }
        finally
        {
            ScratchVolume.Run("chattr", "-i", file);
        }

        await CreateClientOnceBackAsync(server);
        accepted++;
        await ApiAssert.Json(await server.Client.GetAsync("readyz"), HttpStatusCode.OK);
        Assert.Equal(accepted, await CountClientsAsync(server)); // nothing refused was written
    }

    /// <summary>
    /// A write once the storage is back, as the 503's contract tells a client to make it: retried after Retry-After with
    /// the same idempotency key, within a few seconds. Most runs succeed at the first try; under a full suite's load the
    /// first one has now and then met a 503 still (cause not found yet), and the retry must then apply it exactly once.
    /// </summary>
    private static async Task CreateClientOnceBackAsync(RunningServer server)
    {
        var key = Guid.NewGuid().ToString();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v2/clients") { Content = new StringContent(Seeds.AcmeClient, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
            using var response = await server.Client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                await ApiAssert.Json(response, HttpStatusCode.Created);
                return;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta is { } wait && wait < TimeSpan.FromSeconds(2) ? wait : TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<int> CountClientsAsync(RunningServer server) =>
        (await ApiAssert.Json(await server.Client.GetAsync("v2/clients?per_page=1"), HttpStatusCode.OK)).GetProperty("meta").GetProperty("total_count").GetInt32();

    private static async Task AssertUnavailable(HttpResponseMessage response)
    {
        await ApiAssert.Error(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 without Retry-After");
    }
}
