using System.Data.Common;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Jobs;

/// <summary>
/// Durable background work in the database. Jobs are enqueued in the caller's transaction (so a state change and
/// its job commit together or not at all), claimed with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), and a lease
/// that expires (a crashed worker) makes the job claimable again. A signal wakes local workers at once. A failed
/// attempt is retried on its handler's <see cref="RetrySchedule"/>; a job out of attempts is marked failed and stays
/// so, visible in <see cref="ListAsync"/>, until <see cref="RetryAsync"/>. The queue knows no job kind: the kinds and
/// their handlers belong to the resources.
/// </summary>
public sealed class JobQueue(Database database, TimeProvider clock)
{
    private const int MaxErrorLength = 2000;

    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    // Parameter names start with "job" so that the statement can share a command with its subject's.
    private const string InsertSql =
        "INSERT INTO jobs (id, kind, subject_id, status, attempts, run_after, created_at, updated_at) VALUES (@jobId, @jobKind, @jobSubjectId, 'queued', 0, @jobRunAfter, @jobNow, @jobNow)";

    /// <summary>Adds a job inside an open transaction.</summary>
    public async Task EnqueueAsync(DbConnection connection, DbTransaction transaction, string kind, string subjectId, DateTimeOffset runAfter)
    {
        var (sql, parameters) = Enqueuing(kind, subjectId, runAfter);
        await connection.ExecuteAsync(sql, parameters, transaction).ConfigureAwait(false);
    }

    /// <summary>
    /// The statement and parameters that add a job, for a command that writes the job together with its subject
    /// (<see cref="Database.ExecuteAtomicallyAsync"/>).
    /// </summary>
    public (string Sql, object Parameters) Enqueuing(string kind, string subjectId, DateTimeOffset runAfter)
    {
        var parameters = new
        {
            jobId = Guid.CreateVersion7().ToString(),
            jobKind = kind,
            jobSubjectId = subjectId,
            jobRunAfter = Timestamps.ToText(runAfter),
            jobNow = Timestamps.ToText(clock.GetUtcNow()),
        };
        return (InsertSql, parameters);
    }

    /// <summary>Wakes this process's workers (call after the enqueuing transaction committed).</summary>
    public void Signal() => _signal.Release();

    /// <summary>Waits for <see cref="Signal"/> or <paramref name="timeout"/> on the injected clock, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Neither task throws here: WhenAny only watches them. A cancelled semaphore wait takes no count, so a signal
        // is consumed only by the wait that saw it.
        await Task.WhenAny(_signal.WaitAsync(stop.Token), Task.Delay(timeout, clock, stop.Token)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Claims the next ready job for <paramref name="worker"/> with a lease, or null.</summary>
    public Task<JobRow?> ClaimAsync(string worker, TimeSpan lease, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var nowText = Timestamps.ToText(now);
            // Two queries, not one with OR: each reads the index in order and stops at its first row, where the OR
            // made both engines gather and sort the whole backlog for every claim. A lease that ran out (its worker
            // died) is taken first; there are at most as many as workers.
            var id = await c.ExecuteScalarAsync<string?>(
                "SELECT id FROM jobs WHERE status = 'running' AND locked_until < @now ORDER BY locked_until, id LIMIT 1" + database.ForUpdateSkipLocked,
                new { now = nowText }, t).ConfigureAwait(false)
                ?? await c.ExecuteScalarAsync<string?>(
                    "SELECT id FROM jobs WHERE status = 'queued' AND run_after <= @now ORDER BY run_after, id LIMIT 1" + database.ForUpdateSkipLocked,
                    new { now = nowText }, t).ConfigureAwait(false);
            if (id is null)
            {
                return null;
            }

            return await c.QuerySingleAsync<JobRow>(
                "UPDATE jobs SET status = 'running', locked_by = @worker, locked_until = @until, attempts = attempts + 1, updated_at = @now WHERE id = @id RETURNING id, kind, subject_id, attempts",
                new { id, worker, until = Timestamps.ToText(now + lease), now = nowText }, t).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Marks a job done inside the transaction that stored its result.</summary>
    public static Task CompleteAsync(DbConnection connection, DbTransaction transaction, string id, string now) =>
        connection.ExecuteAsync("UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, updated_at = @now WHERE id = @id", new { id, now }, transaction);

    /// <summary>
    /// Records a failed attempt: the job is queued again after <paramref name="schedule"/>'s delay, or marked failed
    /// once it has had its attempts. Only the current claim counts: a worker whose lease ran out (the job was taken
    /// over, perhaps finished) changes nothing.
    /// </summary>
    public Task<JobFailureOutcome> FailAsync(JobRow job, RetrySchedule schedule, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(error);
        var now = clock.GetUtcNow();
        var retry = schedule.AllowsRetryAfter(job.Attempts);
        var parameters = new
        {
            id = job.Id,
            attempts = job.Attempts,
            retryAt = retry ? Timestamps.ToText(now + schedule.DelayAfter(job.Attempts, job.Id)) : null,
            error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error,
            now = Timestamps.ToText(now),
        };
        var sql = retry
            ? "UPDATE jobs SET status = 'queued', run_after = @retryAt, locked_by = NULL, locked_until = NULL, last_error = @error, updated_at = @now WHERE id = @id AND status = 'running' AND attempts = @attempts"
            : "UPDATE jobs SET status = 'failed', locked_by = NULL, locked_until = NULL, last_error = @error, updated_at = @now WHERE id = @id AND status = 'running' AND attempts = @attempts";
        return database.WriteAsync(async (c, t) =>
        {
            var changed = await c.ExecuteAsync(sql, parameters, t).ConfigureAwait(false);
            return changed == 0 ? JobFailureOutcome.NotClaimed : retry ? JobFailureOutcome.Retrying : JobFailureOutcome.Failed;
        }, cancellationToken);
    }

    /// <summary>
    /// The most recently updated jobs first, at most <paramref name="limit"/>; with <paramref name="failedOnly"/> only
    /// those out of attempts.
    /// </summary>
    public async Task<IReadOnlyList<JobSummary>> ListAsync(bool failedOnly, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var where = failedOnly ? " WHERE status = 'failed'" : string.Empty;
        var rows = await database.ReadAsync(c => c.QueryAsync<JobSummary>(
            $"SELECT id, kind, subject_id, status, attempts, last_error, run_after, updated_at FROM jobs{where} ORDER BY updated_at DESC, id DESC LIMIT @limit",
            new { limit }), cancellationToken).ConfigureAwait(false);
        return rows.AsList();
    }

    /// <summary>
    /// Puts a failed job back in the queue, due now, with its attempts reset (its last_error stays until the next
    /// failure, as a record of why it stopped). Any other job is left as it is and the answer says why.
    /// </summary>
    public async Task<JobRetryResult> RetryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var now = Timestamps.ToText(clock.GetUtcNow());
        var result = await database.WriteAsync(async (c, t) =>
        {
            var retried = await c.ExecuteAsync(
                "UPDATE jobs SET status = 'queued', attempts = 0, run_after = @now, locked_by = NULL, locked_until = NULL, updated_at = @now WHERE id = @id AND status = 'failed'",
                new { id, now }, t).ConfigureAwait(false);
            if (retried == 1)
            {
                return new JobRetryResult(JobRetryOutcome.Retried, "queued");
            }

            var status = await c.ExecuteScalarAsync<string?>("SELECT status FROM jobs WHERE id = @id", new { id }, t).ConfigureAwait(false);
            return new JobRetryResult(status is null ? JobRetryOutcome.NotFound : JobRetryOutcome.NotFailed, status);
        }, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == JobRetryOutcome.Retried)
        {
            Signal();
        }

        return result;
    }

    /// <summary>Releases the leases this worker holds, so another process can take the jobs at once (clean shutdown).</summary>
    public Task ReleaseAsync(string worker, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync("UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL WHERE status = 'running' AND locked_by = @worker", new { worker }, t), cancellationToken);
}
