using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>Which job a worker claims next, and that finding it does not cost the whole backlog.</summary>
public class JobQueueTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Expired_leases_are_taken_first_then_queued_jobs_in_run_after_order(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var now = server.Clock.GetUtcNow();
        await AddJobAsync(server.Database, "later", "queued", now.AddSeconds(-1), null);
        await AddJobAsync(server.Database, "b-first", "queued", now.AddSeconds(-5), null);
        await AddJobAsync(server.Database, "a-first", "queued", now.AddSeconds(-5), null); // same time: id decides
        await AddJobAsync(server.Database, "future", "queued", now.AddSeconds(30), null);
        await AddJobAsync(server.Database, "abandoned", "running", now.AddMinutes(-10), now.AddSeconds(-1));
        await AddJobAsync(server.Database, "leased", "running", now.AddMinutes(-10), now.AddMinutes(1));

        var claimed = new List<string>();
        while (await queue.ClaimAsync("w", TimeSpan.FromMinutes(2), CancellationToken.None) is { } job)
        {
            claimed.Add(job.Id);
        }

        Assert.Equal(["abandoned", "a-first", "b-first", "later"], claimed);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_next_job_is_read_from_the_index_in_order_without_sorting_the_backlog(string engine)
    {
        await using var database = await TestDatabases.CreateAsync(engine);
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO jobs (id, kind, subject_id, status, attempts, run_after, created_at, updated_at) VALUES (@id, 'render_invoice', 's', @status, 0, @runAfter, @runAfter, @runAfter)",
            Enumerable.Range(0, 5_000).Select(i => new { id = $"job-{i:00000}", status = i % 5 == 0 ? "done" : "queued", runAfter = $"2026-01-01T00:{i / 600 % 60:00}:{i / 10 % 60:00}.000Z" }), t));
        await database.WriteAsync((c, t) => c.ExecuteAsync("ANALYZE jobs", transaction: t));

        const string Next = "SELECT id FROM jobs WHERE status = 'queued' AND run_after <= '2026-02-01' ORDER BY run_after, id LIMIT 1";
        var plan = string.Join('\n', engine == "sqlite"
            ? await SqlitePlanAsync(database, Next)
            : await database.ReadAsync(c => c.QueryAsync<string>("EXPLAIN " + Next + " FOR UPDATE SKIP LOCKED")));

        Assert.Contains("jobs_queue", plan, StringComparison.Ordinal);
        Assert.DoesNotContain(engine == "sqlite" ? "TEMP B-TREE" : "Sort", plan, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Jobs_are_listed_most_recently_updated_first_and_failed_ones_on_their_own(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var now = server.Clock.GetUtcNow();
        await AddJobAsync(server.Database, "failed-long-ago", "failed", now.AddDays(-3), null);
        await AddJobAsync(server.Database, "done-yesterday", "done", now.AddDays(-1), null);
        await AddJobAsync(server.Database, "failed-an-hour-ago", "failed", now.AddHours(-1), null);
        await AddJobAsync(server.Database, "queued-now", "queued", now, null);

        var all = await queue.ListAsync(failedOnly: false, limit: 50);
        var failed = await queue.ListAsync(failedOnly: true, limit: 50);
        var newest = await queue.ListAsync(failedOnly: false, limit: 2);

        Assert.Equal(["queued-now", "failed-an-hour-ago", "done-yesterday", "failed-long-ago"], all.Select(j => j.Id));
        Assert.Equal(["failed-an-hour-ago", "failed-long-ago"], failed.Select(j => j.Id));
        Assert.Equal(["queued-now", "failed-an-hour-ago"], newest.Select(j => j.Id));
        var row = all[1];
        Assert.Equal(("render_invoice", "nothing", "failed", 0L, Timestamps.ToText(now.AddHours(-1)), Timestamps.ToText(now.AddHours(-1))), (row.Kind, row.SubjectId, row.Status, row.Attempts, row.RunAfter, row.UpdatedAt));
    }

    private static async Task<string[]> SqlitePlanAsync(Database database, string sql) =>
        (await database.ReadAsync(async c =>
        {
            await using var command = c.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            await using var reader = await command.ExecuteReaderAsync();
            var details = new List<string>();
            while (await reader.ReadAsync())
            {
                details.Add(reader.GetString(reader.GetOrdinal("detail")));
            }

            return details;
        })).ToArray();

    private static Task AddJobAsync(Database database, string id, string status, DateTimeOffset runAfter, DateTimeOffset? lockedUntil) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO jobs (id, kind, subject_id, status, attempts, run_after, locked_by, locked_until, created_at, updated_at) VALUES (@id, 'render_invoice', 'nothing', @status, 0, @runAfter, @lockedBy, @lockedUntil, @runAfter, @runAfter)",
            new { id, status, runAfter = Timestamps.ToText(runAfter), lockedBy = lockedUntil is null ? null : "another", lockedUntil = lockedUntil is { } until ? Timestamps.ToText(until) : null }, t));
}
