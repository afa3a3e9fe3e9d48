using System.Net;
using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Npgsql;

namespace Comptoir.Server.Tests;

/// <summary>The PostgreSQL pool's default size bounds the backends a server uses; requests beyond it wait their turn and succeed.</summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task Three_times_the_pool_in_concurrent_writes_all_succeed_on_at_most_the_pools_backends()
    {
        await using var server = await RunningServer.StartAsync("postgres");
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var databaseName = new NpgsqlConnectionStringBuilder((await server.Database.OpenAsync()).ConnectionString).Database;
        var requests = 3 * Database.DefaultMaxPoolSize;
        var busiest = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            await using var watcher = new NpgsqlConnection(PostgresCluster.Instance.ConnectionString("postgres"));
            await watcher.OpenAsync();
            while (!sampling.IsCancellationRequested)
            {
                await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = @name", watcher);
                count.Parameters.AddWithValue("name", databaseName!);
                busiest = Math.Max(busiest, (int)(long)(await count.ExecuteScalarAsync())!);
                await Task.Delay(2);
            }
        });

        var statuses = await Task.WhenAll(Enumerable.Range(0, requests).Select(async _ =>
        {
            using var response = await server.Client.Post("v2/client_invoices", Seeds.DraftBody(clientId, server.Demo.Account.Iban));
            return response.StatusCode;
        }));
        await sampling.CancelAsync();
        await sampler;

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.InRange(busiest, 1, Database.DefaultMaxPoolSize);
        var stored = await server.Database.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM client_invoices"));
        Assert.Equal(requests, stored);
    }

    [Fact]
    public async Task A_request_that_waits_longer_than_the_pool_timeout_is_a_503_with_retry_after_and_the_next_one_succeeds()
    {
        await using var server = await RunningServer.StartAsync("postgres", o => o with { Database = o.Database + ";Maximum Pool Size=1;Timeout=1" });
        // The pool's one connection is taken (the document worker may also wait for it now and then).
        var held = await server.Database.OpenAsync();

        using (var refused = await server.Client.Post("v2/clients", Seeds.AcmeClient))
        {
            await ApiAssert.Error(refused, HttpStatusCode.ServiceUnavailable, "service_unavailable");
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        }

        await held.DisposeAsync();
        await ApiAssert.Json(await server.Client.Post("v2/clients", Seeds.AcmeClient), HttpStatusCode.Created);
        var clients = await server.Database.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM clients"));
        Assert.Equal(1, clients); // the refused request stored nothing
    }
}
