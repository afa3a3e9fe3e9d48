using System.Collections.Concurrent;
using System.Net;
using Comptoir.Server.Tests.Support;
using Dapper;
using Npgsql;

namespace Comptoir.Server.Tests;

/// <summary>
/// PostgreSQL lost in the middle of a write load: its backends killed mid-transaction, then the network to it cut.
/// Every write is either accepted and kept, or refused with 503 and Retry-After; the server serves again once
/// PostgreSQL is back, without a restart.
/// </summary>
public sealed class PostgresLostUnderLoadTests
{
    [Fact]
    public async Task Backends_killed_and_the_network_cut_mid_load_give_503s_and_service_resumes()
    {
        var direct = new NpgsqlConnectionStringBuilder(PostgresCluster.Instance.CreateDatabase());
        await using var relay = new TcpForwarder(direct.Port);
        var viaRelay = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = relay.Port, Timeout = 3 }.ConnectionString;
        await using var server = await RunningServer.StartAsync("postgres", o => o with { Database = viaRelay, RequestsPer10Seconds = 1_000_000, RequestsPer10Minutes = 1_000_000 });
        var created = new ConcurrentBag<string>();
        var refused = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await server.Client.Post("v2/clients", Seeds.AcmeClient);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    created.Add((await ApiAssert.Json(response, HttpStatusCode.Created)).GetProperty("client").GetProperty("id").GetString()!);
                    continue;
                }

                await ApiAssert.Error(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 without Retry-After");
                Interlocked.Increment(ref refused);
            }
        })).ToList();

        await Task.Delay(700);
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            // What a crashed or restarted PostgreSQL does to its sessions: each backend ends, transaction and all.
            await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", new { name = direct.Database });
        }

        await Task.Delay(700);
        relay.Cut();
        await Task.Delay(1000);
        await AssertUnavailable(await server.Client.GetAsync("readyz"));
        relay.Restore();
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(refused > 0, "nothing was refused while PostgreSQL was away");
        await ApiAssert.Json(await server.Client.Post("v2/clients", Seeds.AcmeClient), HttpStatusCode.Created);
        await ApiAssert.Json(await server.Client.GetAsync("readyz"), HttpStatusCode.OK);
        foreach (var id in created)
        {
            await ApiAssert.Json(await server.Client.GetAsync($"v2/clients/{id}"), HttpStatusCode.OK);
        }

        // A COMMIT whose answer was lost with the connection may have been applied: at most one per refusal.
        var total = (await ApiAssert.Json(await server.Client.GetAsync("v2/clients?per_page=1"), HttpStatusCode.OK)).GetProperty("meta").GetProperty("total_count").GetInt32();
        Assert.InRange(total, created.Count + 1, created.Count + 1 + refused);
    }

    private static async Task AssertUnavailable(HttpResponseMessage response)
    {
        await ApiAssert.Error(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 without Retry-After");
    }
}
