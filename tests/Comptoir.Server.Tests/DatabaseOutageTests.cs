using System.Net;
using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Comptoir.Server.Tests;

/// <summary>A database that cannot serve is a 503 with Retry-After, never a 500, and the server recovers with it.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task PostgreSQL_out_of_reach_gets_503_with_Retry_After_and_service_resumes_when_it_is_back()
    {
        var direct = new NpgsqlConnectionStringBuilder(PostgresCluster.Instance.CreateDatabase());
        await using var relay = new TcpForwarder(direct.Port);
        var viaRelay = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = relay.Port, Timeout = 3 }.ConnectionString;
        await using var server = await RunningServer.StartAsync("postgres", o => o with { Database = viaRelay });
        await ApiAssert.Json(await server.Client.Post("v2/clients", Seeds.AcmeClient), HttpStatusCode.Created);

        relay.Cut();
        foreach (var attempt in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => server.Client.Post("v2/clients", Seeds.AcmeClient),
                     () => server.Client.GetAsync("v2/clients"),
                     () => server.Client.SendAsync(Keyed("outage-key-1")),
                 })
        {
            using var response = await attempt();
            await ApiAssert.Error(response, HttpStatusCode.ServiceUnavailable, "service_unavailable"); // envelope and trace id
            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        }

        relay.Restore();
        await ApiAssert.Json(await server.Client.Post("v2/clients", Seeds.AcmeClient), HttpStatusCode.Created);
        // The key of the refused request was never taken: the retry is a first attempt, not a 409 or a replay.
        using (var retried = await server.Client.SendAsync(Keyed("outage-key-1")))
        {
            await ApiAssert.Json(retried, HttpStatusCode.Created);
            Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        }

        var listed = await ApiAssert.Json(await server.Client.GetAsync("v2/clients"), HttpStatusCode.OK);
        Assert.Equal(3, listed.GetProperty("meta").GetProperty("total_count").GetInt32()); // the refused ones left nothing
    }

    private static HttpRequestMessage Keyed(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/clients") { Content = Body.Json(Seeds.AcmeClient) };
        request.Headers.Add("X-Qonto-Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task SQLite_locked_beyond_the_wait_counts_as_unavailable_and_a_constraint_failure_does_not()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("comptoir-outage-").FullName, "t.db");
        await using var holder = new SqliteConnection($"Data Source={path};Default Timeout=1");
        await using var other = new SqliteConnection($"Data Source={path};Default Timeout=1");
        await holder.OpenAsync();
        await other.OpenAsync();
        await holder.ExecuteAsync("PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY)");
        await holder.ExecuteAsync("PRAGMA busy_timeout=0");
        await other.ExecuteAsync("PRAGMA busy_timeout=0");
        await using var transaction = holder.BeginTransaction(deferred: false);
        await holder.ExecuteAsync("INSERT INTO t (id) VALUES (1)", transaction: transaction);

        var busy = await Assert.ThrowsAsync<SqliteException>(() => other.ExecuteAsync("INSERT INTO t (id) VALUES (2)"));
        Assert.True(StorageFailures.IsUnavailable(new InvalidOperationException("wrapped", busy)));

        await transaction.CommitAsync();
        var duplicate = await Assert.ThrowsAsync<SqliteException>(() => other.ExecuteAsync("INSERT INTO t (id) VALUES (1)"));
        Assert.False(StorageFailures.IsUnavailable(duplicate));
    }
}
