using System.Text.Json;
using Comptoir.Server;
using Comptoir.Server.Jobs;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Comptoir.Cli.Tests;

/// <summary>comptoir admin jobs list|retry against the database a server runs on.</summary>
public sealed class JobAdminCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_failed_job_is_listed_with_its_error_retried_from_the_command_line_and_then_done(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var connection = server.App.Services.GetRequiredService<ServerOptions>().Database!;
        CliRun Jobs(params string[] args) => CliRun.Invoke(server.Clock, ["admin", "jobs", .. args, "--database", connection]);
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var handler = new FlakyJobHandler(server.Database, server.Clock);
        var runner = new JobRunner(queue, [handler], server.Clock, NullLogger<JobRunner>.Instance);
        var id = await TestJobs.EnqueueAsync(server.Database, queue, server.Clock, FlakyJobHandler.JobKind, "endpoint-1");
        while (await queue.ClaimAsync("test", JobRunner.Lease, CancellationToken.None) is { } job)
        {
            await runner.RunAsync(job, CancellationToken.None);
            server.Clock.Advance(handler.RetrySchedule.MaxDelay);
        }

        var failed = Jobs("list", "--failed");
        Assert.Equal(0, failed.ExitCode);
        var columns = Assert.Single(failed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t');
        Assert.Equal([id, FlakyJobHandler.JobKind, "endpoint-1", "failed", "3"], columns[..5]);
        Assert.Contains(FlakyJobHandler.Failure, columns[^1], StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(Jobs("list", "--failed", "--json").RawText))
        {
            var row = json.RootElement;
            Assert.Equal<(string?, string?, int)>((id, "failed", 3), (row.GetProperty("id").GetString(), row.GetProperty("status").GetString(), row.GetProperty("attempts").GetInt32()));
            Assert.Contains(FlakyJobHandler.Failure, row.GetProperty("last_error").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(row.GetProperty("run_after").GetString()));
            Assert.False(string.IsNullOrEmpty(row.GetProperty("updated_at").GetString()));
        }

        var retry = Jobs("retry", id);
        Assert.Equal(0, retry.ExitCode);
        Assert.Contains($"Job {id} queued again", retry.Out, StringComparison.Ordinal);
        Assert.Empty(Jobs("list", "--failed").Out);
        var notFailed = Jobs("retry", id);
        Assert.Equal(ExitCodes.Failed, notFailed.ExitCode);
        Assert.Contains("is queued, not failed", notFailed.Error, StringComparison.Ordinal);
        var unknown = Jobs("retry", "no-such-job");
        Assert.Equal(ExitCodes.Failed, unknown.ExitCode);
        Assert.Contains("No job no-such-job", unknown.Error, StringComparison.Ordinal);

        handler.Broken = false;
        var again = await queue.ClaimAsync("test", JobRunner.Lease, CancellationToken.None);
        Assert.Equal(id, again?.Id);
        await runner.RunAsync(again!, CancellationToken.None);
        var all = Jobs("list");
        Assert.Equal("done", Assert.Single(all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t')[3]);
        Assert.Equal(ExitCodes.Usage, Jobs("list", "--limit", "0").ExitCode);
    }
}
