using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Comptoir.Server.Tests;

/// <summary>
/// The runner with a handler that fails: retried on its own schedule, then failed where an administrator sees it,
/// retried by hand and done; a kind nobody handles; a failure reported by a claim that is no longer current; shutdown.
/// </summary>
public class JobRunnerTests
{
    private static Task<RunningServer> StartWithoutWorkersAsync(string engine) =>
        RunningServer.StartAsync(engine, o => o with { RunWorkers = false });

    private static JobRunner Runner(RunningServer server, params IJobHandler[] handlers) =>
        new(server.App.Services.GetRequiredService<JobQueue>(), handlers, server.Clock, NullLogger<JobRunner>.Instance);

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_failing_job_is_retried_on_its_handlers_schedule_then_failed_listed_retried_by_hand_and_done(string engine)
    {
        await using var server = await StartWithoutWorkersAsync(engine);
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var handler = new FlakyJobHandler(server.Database, server.Clock);
        var runner = Runner(server, handler);
        var id = await TestJobs.EnqueueAsync(server.Database, queue, server.Clock, FlakyJobHandler.JobKind, "endpoint-1");
        var schedule = handler.RetrySchedule;

        for (var attempt = 1; attempt <= schedule.MaxAttempts; attempt++)
        {
            var job = await ClaimAsync(queue);
            Assert.Equal<(string?, long?)>((id, attempt), (job?.Id, job?.Attempts));
            await runner.RunAsync(job!, CancellationToken.None);

            var row = await TestJobs.ReadAsync(server.Database, id);
            Assert.Contains(FlakyJobHandler.Failure, row.LastError, StringComparison.Ordinal);
            if (attempt == schedule.MaxAttempts)
            {
                Assert.Equal("failed", row.Status);
                break;
            }

            var delay = schedule.DelayAfter(attempt, id);
            Assert.Equal(("queued", Timestamps.ToText(server.Clock.GetUtcNow() + delay)), (row.Status, row.RunAfter));
            server.Clock.Advance(delay - TimeSpan.FromMilliseconds(2));
            Assert.Null(await ClaimAsync(queue)); // not due yet
            server.Clock.Advance(TimeSpan.FromMilliseconds(2));
        }

        // Failed stays failed, however long one waits, and is what --failed lists.
        server.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Null(await ClaimAsync(queue));
        Assert.Equal(schedule.MaxAttempts, handler.Runs);
        var failed = Assert.Single(await queue.ListAsync(failedOnly: true, limit: 50));
        Assert.Equal((id, FlakyJobHandler.JobKind, "endpoint-1", "failed", 3L), (failed.Id, failed.Kind, failed.SubjectId, failed.Status, failed.Attempts));
        Assert.Contains(FlakyJobHandler.Failure, failed.LastError, StringComparison.Ordinal);

        // Retried by hand: due now, attempts reset; the endpoint is back, so it succeeds.
        Assert.Equal(new JobRetryResult(JobRetryOutcome.Retried, "queued"), await queue.RetryAsync(id));
        var queued = await TestJobs.ReadAsync(server.Database, id);
        Assert.Equal(("queued", 0L, Timestamps.ToText(server.Clock.GetUtcNow())), (queued.Status, queued.Attempts, queued.RunAfter));
        handler.Broken = false;
        var again = await ClaimAsync(queue);
        Assert.Equal<long?>(1, again?.Attempts);
        await runner.RunAsync(again!, CancellationToken.None);

        Assert.Equal("done", (await TestJobs.ReadAsync(server.Database, id)).Status);
        Assert.Empty(await queue.ListAsync(failedOnly: true, limit: 50));
        Assert.Equal(new JobRetryResult(JobRetryOutcome.NotFailed, "done"), await queue.RetryAsync(id));
        Assert.Equal(new JobRetryResult(JobRetryOutcome.NotFound, null), await queue.RetryAsync("no-such-job"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_job_of_a_kind_no_handler_runs_fails_at_once_and_says_why(string engine)
    {
        await using var server = await StartWithoutWorkersAsync(engine);
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var runner = server.App.Services.GetRequiredService<JobRunner>(); // the server's own: documents and settlements
        var id = await TestJobs.EnqueueAsync(server.Database, queue, server.Clock, "deliver_webhook", "subscription-1");

        await runner.RunAsync((await ClaimAsync(queue))!, CancellationToken.None);

        var row = Assert.Single(await queue.ListAsync(failedOnly: true, limit: 50));
        Assert.Equal((id, "failed", 1L), (row.Id, row.Status, row.Attempts));
        Assert.Contains("No handler for job kind 'deliver_webhook'", row.LastError, StringComparison.Ordinal);
        Assert.Contains("render_invoice, settle_transfer", row.LastError, StringComparison.Ordinal);
        server.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(await ClaimAsync(queue));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_failure_reported_after_the_lease_was_taken_over_changes_nothing(string engine)
    {
        await using var server = await StartWithoutWorkersAsync(engine);
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var handler = new FlakyJobHandler(server.Database, server.Clock);
        var runner = Runner(server, handler);
        var id = await TestJobs.EnqueueAsync(server.Database, queue, server.Clock, FlakyJobHandler.JobKind, "endpoint-1");

        // Worker A claims and stalls past its lease; worker B takes the job over and finishes it.
        var stale = await ClaimAsync(queue);
        server.Clock.Advance(JobRunner.Lease + TimeSpan.FromSeconds(1));
        var current = await ClaimAsync(queue);
        Assert.Equal(id, current?.Id);
        handler.Broken = false;
        await runner.RunAsync(current!, CancellationToken.None);

        // A's attempt then fails: the finished job must not go back to the queue.
        Assert.Equal(JobFailureOutcome.NotClaimed, await queue.FailAsync(stale!, handler.RetrySchedule, "late failure", CancellationToken.None));
        var row = await TestJobs.ReadAsync(server.Database, id);
        Assert.Equal<(string, string?)>(("done", null), (row.Status, row.LastError));
    }

    [Fact]
    public async Task On_shutdown_the_started_job_finishes_and_the_next_one_stays_queued_for_another_process()
    {
        await using var server = await StartWithoutWorkersAsync("sqlite");
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var handler = new BlockingJobHandler(server.Database, server.Clock);
        using var runner = Runner(server, handler);
        var first = await TestJobs.EnqueueAsync(server.Database, queue, server.Clock, BlockingJobHandler.JobKind, "a");
        server.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await TestJobs.EnqueueAsync(server.Database, queue, server.Clock, BlockingJobHandler.JobKind, "b");

        await runner.StartAsync(CancellationToken.None);
        queue.Signal();
        Assert.Equal(first, await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        var stopping = runner.StopAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(stopping.IsCompleted); // waits for the job in hand
        handler.Release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("done", (await TestJobs.ReadAsync(server.Database, first)).Status);
        var next = await TestJobs.ReadAsync(server.Database, second);
        Assert.Equal(("queued", 0L), (next.Status, next.Attempts));
    }

    [Fact]
    public async Task Two_handlers_for_one_kind_are_refused_at_start()
    {
        await using var server = await StartWithoutWorkersAsync("sqlite");

        var error = Assert.Throws<ArgumentException>(() => Runner(server, new FlakyJobHandler(server.Database, server.Clock), new FlakyJobHandler(server.Database, server.Clock)));
        Assert.Contains(FlakyJobHandler.JobKind, error.Message, StringComparison.Ordinal);
    }

    private static Task<JobRow?> ClaimAsync(JobQueue queue) => queue.ClaimAsync("test", JobRunner.Lease, CancellationToken.None);

    /// <summary>Holds its job until released, then completes it.</summary>
    private sealed class BlockingJobHandler(Database database, TimeProvider clock) : IJobHandler
    {
        public const string JobKind = "test_blocking";

        public TaskCompletionSource<string> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => JobKind;

        public RetrySchedule RetrySchedule => RetrySchedule.None;

        public async Task HandleAsync(JobRow job, CancellationToken cancellationToken)
        {
            Started.TrySetResult(job.Id);
            await Release.Task;
            await database.WriteAsync(async (c, t) =>
            {
                await JobQueue.CompleteAsync(c, t, job.Id, Timestamps.ToText(clock.GetUtcNow()));
                return 0;
            }, cancellationToken);
        }
    }
}
