using System.Data.Common;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Jobs;

/// <summary>A durable job as stored (table jobs).</summary>
public sealed class JobRow
{
    public string Id { get; set; } = string.Empty;
    public string Kind { get; set; } = string.Empty;
    public string SubjectId { get; set; } = string.Empty;
    public long Attempts { get; set; }
}

/// <summary>
/// Durable background work in the database. Jobs are enqueued in the caller's transaction (so a state change and
/// its job commit together or not at all), claimed with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), and a lease
/// that expires (a crashed worker) makes the job claimable again. A signal wakes local workers at once.
/// </summary>
public sealed class JobQueue(Database database, TimeProvider clock)
{
    public const string RenderInvoice = "render_invoice";

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

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

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

    /// <summary>Puts a failed job back with a back-off, or gives up after too many attempts.</summary>
    public Task FailAsync(JobRow job, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = clock.GetUtcNow();
        var status = job.Attempts >= 8 ? "failed" : "queued";
        var retryAt = now + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, job.Attempts)));
        return database.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE jobs SET status = @status, run_after = @retryAt, locked_by = NULL, locked_until = NULL, last_error = @error, updated_at = @now WHERE id = @id",
            new { status, retryAt = Timestamps.ToText(retryAt), error = error.Length > 2000 ? error[..2000] : error, now = Timestamps.ToText(now), id = job.Id }, t), cancellationToken);
    }

    /// <summary>Releases the leases this worker holds, so another process can take the jobs at once (clean shutdown).</summary>
    public Task ReleaseAsync(string worker, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => c.ExecuteAsync("UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL WHERE status = 'running' AND locked_by = @worker", new { worker }, t), cancellationToken);
}
