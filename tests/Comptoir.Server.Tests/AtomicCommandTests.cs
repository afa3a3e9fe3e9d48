using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Dapper;

namespace Comptoir.Server.Tests;

/// <summary>Database.ExecuteAtomicallyAsync: the statements commit together or not at all, on both engines.</summary>
public sealed class AtomicCommandTests
{
    private const string InsertJob =
        "INSERT INTO jobs (id, kind, subject_id, status, attempts, run_after, created_at, updated_at) VALUES (@{0}, 'render_invoice', 'nothing', 'done', 0, @{1}, @{1}, @{1})";

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Both_statements_are_stored(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);

        await server.Database.ExecuteAtomicallyAsync(TwoJobs(server, "job-a", "job-b"));

        Assert.Equal(["job-a", "job-b"], await JobIdsAsync(server.Database));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_failing_second_statement_takes_the_first_back(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);

        // The second INSERT repeats the first's id: a unique violation after the first row was written.
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            server.Database.ExecuteAtomicallyAsync(TwoJobs(server, "job-a", "job-a")));

        Assert.True(Database.IsUniqueViolation(error), error.Message);
        Assert.Empty(await JobIdsAsync(server.Database));
        // The connection it ran on is clean: the next command on the pool commits normally.
        await server.Database.ExecuteAtomicallyAsync(TwoJobs(server, "job-c", "job-d"));
        Assert.Equal(["job-c", "job-d"], await JobIdsAsync(server.Database));
    }

    private static (string, object)[] TwoJobs(RunningServer server, string first, string second)
    {
        var now = Timestamps.ToText(server.Clock.GetUtcNow());
        return
        [
            (string.Format(System.Globalization.CultureInfo.InvariantCulture, InsertJob, "firstId", "firstNow"), new { firstId = first, firstNow = now }),
            (string.Format(System.Globalization.CultureInfo.InvariantCulture, InsertJob, "secondId", "secondNow"), new { secondId = second, secondNow = now }),
        ];
    }

    private static async Task<string[]> JobIdsAsync(Database database) =>
        (await database.ReadAsync(c => c.QueryAsync<string>("SELECT id FROM jobs WHERE subject_id = 'nothing' ORDER BY id"))).ToArray();
}
