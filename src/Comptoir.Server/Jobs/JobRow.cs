namespace Comptoir.Server.Jobs;

/// <summary>A claimed job, as its handler sees it (table jobs).</summary>
public sealed class JobRow
{
    public string Id { get; set; } = string.Empty;
    public string Kind { get; set; } = string.Empty;
    public string SubjectId { get; set; } = string.Empty;

    /// <summary>Attempts so far, this one included (the claim counts it).</summary>
    public long Attempts { get; set; }
}

/// <summary>A job as an administrator lists it.</summary>
public sealed class JobSummary
{
    public string Id { get; set; } = string.Empty;
    public string Kind { get; set; } = string.Empty;
    public string SubjectId { get; set; } = string.Empty;

    /// <summary>queued, running, done or failed.</summary>
    public string Status { get; set; } = string.Empty;
    public long Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>When a queued job is due (for a failed one: when its last attempt was due).</summary>
    public string RunAfter { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
}

/// <summary>What became of a failed attempt.</summary>
public enum JobFailureOutcome
{
    /// <summary>Queued again after its schedule's delay.</summary>
    Retrying,

    /// <summary>Out of attempts: status failed until an administrator retries it.</summary>
    Failed,

    /// <summary>The claim was no longer current (its lease ran out and another worker took the job): nothing written.</summary>
    NotClaimed,
}

/// <summary>The answer to <see cref="JobQueue.RetryAsync"/>.</summary>
public enum JobRetryOutcome
{
    /// <summary>The failed job is queued again, due now, with its attempts reset.</summary>
    Retried,

    /// <summary>No job has this id.</summary>
    NotFound,

    /// <summary>The job exists but is not failed (only failed jobs can be retried); its status says what it is.</summary>
    NotFailed,
}

/// <summary><see cref="JobQueue.RetryAsync"/>'s outcome and the job's status afterwards (null when not found).</summary>
public sealed record JobRetryResult(JobRetryOutcome Outcome, string? Status);
