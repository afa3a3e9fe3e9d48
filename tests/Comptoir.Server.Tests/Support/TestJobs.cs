using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Tests.Support;

/// <summary>
/// A job kind for tests, standing for work that depends on someone else (a webhook endpoint, a supplier's server):
/// it fails while <see cref="Broken"/>, and otherwise completes its job as a real handler does.
/// </summary>
public sealed class FlakyJobHandler(Database database, TimeProvider clock) : IJobHandler
{
    public const string JobKind = "test_flaky";
    public const string Failure = "the endpoint answered 503";

    public string Kind => JobKind;

    public RetrySchedule RetrySchedule { get; } = new(maxAttempts: 3, baseDelay: TimeSpan.FromSeconds(10), maxDelay: TimeSpan.FromMinutes(1));

    public bool Broken { get; set; } = true;

    public int Runs { get; private set; }

    public Task HandleAsync(JobRow job, CancellationToken cancellationToken)
    {
        Runs++;
        if (Broken)
        {
            throw new HttpRequestException(Failure);
        }

        return database.WriteAsync(async (c, t) =>
        {
            await JobQueue.CompleteAsync(c, t, job.Id, Timestamps.ToText(clock.GetUtcNow()));
            return 0;
        }, cancellationToken);
    }
}

/// <summary>Adding and reading job rows directly.</summary>
public static class TestJobs
{
    /// <summary>Enqueues a job due now through the queue, as a store does, and returns its id.</summary>
    public static async Task<string> EnqueueAsync(Database database, JobQueue queue, TimeProvider clock, string kind, string subjectId)
    {
        await database.WriteAsync(async (c, t) =>
        {
            await queue.EnqueueAsync(c, t, kind, subjectId, clock.GetUtcNow());
            return 0;
        });
        return await database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT id FROM jobs WHERE kind = @kind AND subject_id = @subjectId", new { kind, subjectId }))
            ?? throw new InvalidOperationException("The job was not stored.");
    }

    public static Task<JobSummary> ReadAsync(Database database, string id) =>
        database.ReadAsync(c => c.QuerySingleAsync<JobSummary>("SELECT id, kind, subject_id, status, attempts, last_error, run_after, updated_at FROM jobs WHERE id = @id", new { id }));
}
