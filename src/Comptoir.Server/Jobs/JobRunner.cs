using System.Collections.Frozen;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.Jobs;

/// <summary>
/// Runs the durable jobs of every kind: claims the next ready job with a lease, hands it to the handler registered
/// for its kind, and records a failure on that handler's retry schedule. A job whose kind no handler here knows is
/// marked failed at once with the reason, where <c>comptoir admin jobs list --failed</c> shows it. Several processes
/// share the queue; a crash leaves the job's lease to expire and another runner to redo it. On shutdown the job
/// being run finishes and commits, and claims not started are released.
/// </summary>
public sealed partial class JobRunner : BackgroundService
{
    /// <summary>How long a claim is held: a runner that has not finished by then is presumed dead.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    // Signal() wakes the runner for local work; the poll finds jobs enqueued by other processes or now due.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PauseAfterLoopError = TimeSpan.FromSeconds(1);

    private readonly JobQueue _queue;
    private readonly FrozenDictionary<string, IJobHandler> _handlers;
    private readonly TimeProvider _clock;
    private readonly ILogger<JobRunner> _logger;
    private readonly string _name = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public JobRunner(JobQueue queue, IEnumerable<IJobHandler> handlers, TimeProvider clock, ILogger<JobRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _queue = queue;
        _clock = clock;
        _logger = logger;
        var byKind = new Dictionary<string, IJobHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!byKind.TryAdd(handler.Kind, handler))
            {
                throw new ArgumentException($"Two job handlers for kind '{handler.Kind}': {byKind[handler.Kind].GetType().Name} and {handler.GetType().Name}.", nameof(handlers));
            }
        }

        _handlers = byKind.ToFrozenDictionary(StringComparer.Ordinal);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await _queue.ClaimAsync(_name, Lease, stoppingToken).ConfigureAwait(false);
                if (job is null)
                {
                    await _queue.WaitAsync(IdlePoll, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                // Not cancelled by shutdown: a started job finishes and commits.
                await RunAsync(job, CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogLoopError(_logger, e);
                try
                {
                    await Task.Delay(PauseAfterLoopError, _clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        await _queue.ReleaseAsync(_name, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Runs one claimed job and records its failure if it fails (public for tests that drive the queue by hand).</summary>
    public async Task RunAsync(JobRow job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            LogUnknownKind(_logger, job.Kind, job.Id);
            await _queue.FailAsync(job, RetrySchedule.None, $"No handler for job kind '{job.Kind}' in this server (it runs: {string.Join(", ", _handlers.Keys.Order(StringComparer.Ordinal))}).", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        try
        {
            await handler.HandleAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A handler's own timeout (an OperationCanceledException we did not ask for) is a failed attempt too.
            var outcome = await _queue.FailAsync(job, handler.RetrySchedule, $"{e.GetType().Name}: {e.Message}", CancellationToken.None).ConfigureAwait(false);
            if (outcome == JobFailureOutcome.Failed)
            {
                LogJobFailed(_logger, e, job.Kind, job.SubjectId, job.Id, job.Attempts);
            }
            else
            {
                LogAttemptFailed(_logger, e, job.Kind, job.SubjectId, job.Attempts, handler.RetrySchedule.MaxAttempts, outcome);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} for {Subject} failed its attempt {Attempts} of {MaxAttempts} ({Outcome})")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string kind, string subject, long attempts, int maxAttempts, JobFailureOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Kind} for {Subject} failed after {Attempts} attempts; 'comptoir admin jobs retry {JobId}' runs it again")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string kind, string subject, string jobId, long attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} has kind {Kind}, which no handler in this server runs: marked failed")]
    private static partial void LogUnknownKind(ILogger logger, string kind, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job runner loop error")]
    private static partial void LogLoopError(ILogger logger, Exception exception);
}
