using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Tests.Support;
using Dapper;

namespace Comptoir.Server.Tests;

/// <summary>Versions read for many list requests at once: never older than the moment a request asked.</summary>
public class InvoiceListVersionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_read_sees_every_change_committed_before_it_asked(string engine)
    {
        await using var database = await TestDatabases.CreateAsync(engine);
        var versions = new ClientInvoiceListVersions(database);

        Assert.Equal(0, await versions.ReadAsync("org-a"));
        await SetAsync(database, "org-a", 5);
        Assert.Equal(5, await versions.ReadAsync("org-a"));
        await SetAsync(database, "org-a", 6);
        Assert.Equal(6, await versions.ReadAsync("org-a"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_reads_share_queries_and_each_gets_its_own_organizations_version(string engine)
    {
        await using var database = await TestDatabases.CreateAsync(engine);
        await SetAsync(database, "org-a", 11);
        await SetAsync(database, "org-b", 22);
        var versions = new ClientInvoiceListVersions(database);

        var reads = Enumerable.Range(0, 300).Select(i => (Organization: "org-" + "abc"[i % 3], Read: versions.ReadAsync("org-" + "abc"[i % 3]))).ToArray();
        await Task.WhenAll(reads.Select(r => r.Read));

        Assert.All(reads, r => Assert.Equal(r.Organization switch { "org-a" => 11, "org-b" => 22, _ => 0 }, r.Read.Result));
        Assert.InRange(versions.Queries, 1, 20); // 300 requests, a handful of queries
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_failed_read_fails_its_waiters_and_the_next_read_succeeds(string engine)
    {
        await using var database = await TestDatabases.CreateAsync(engine);
        await SetAsync(database, "org-a", 3);
        var versions = new ClientInvoiceListVersions(database);
        await database.WriteAsync((c, t) => c.ExecuteAsync("ALTER TABLE client_invoice_versions RENAME TO moved_versions", transaction: t));

        var failed = Enumerable.Range(0, 5).Select(_ => versions.ReadAsync("org-a")).ToArray();
        foreach (var read in failed)
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => read);
        }

        await database.WriteAsync((c, t) => c.ExecuteAsync("ALTER TABLE moved_versions RENAME TO client_invoice_versions", transaction: t));
        Assert.Equal(3, await versions.ReadAsync("org-a"));
    }

    [Fact]
    public async Task A_reader_that_goes_away_stops_waiting_without_failing_the_others()
    {
        await using var database = await TestDatabases.CreateAsync("sqlite");
        await SetAsync(database, "org-a", 4);
        var versions = new ClientInvoiceListVersions(database);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => versions.ReadAsync("org-a", gone.Token));
        Assert.Equal(4, await versions.ReadAsync("org-a"));
    }

    private static Task SetAsync(Comptoir.Server.Storage.Database database, string organizationId, long version) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO client_invoice_versions (organization_id, version) VALUES (@organizationId, @version) ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version",
            new { organizationId, version }, t));
}
