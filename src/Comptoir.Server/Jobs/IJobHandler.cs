namespace Comptoir.Server.Jobs;

/// <summary>
/// The work behind one kind of job. <see cref="JobRunner"/> calls the handler registered for a claimed job's kind;
/// the handler stores its result and marks the job done (<see cref="JobQueue.CompleteAsync"/>) in one transaction,
/// so a crash either keeps both or neither. A handler may run twice for one job (a lease that ran out while it
/// worked), so its effect must be idempotent. An exception is a failed attempt, retried on
/// <see cref="RetrySchedule"/>.
/// </summary>
public interface IJobHandler
{
    /// <summary>The kind string stored in jobs.kind; rows already written use it, so it never changes.</summary>
    string Kind { get; }

    /// <summary>How often and how long after a failure the job is tried again before it is marked failed.</summary>
    RetrySchedule RetrySchedule { get; }

    Task HandleAsync(JobRow job, CancellationToken cancellationToken);
}
