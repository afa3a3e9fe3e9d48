using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// Queues a <see cref="WebhookRetentionJob"/> every hour on the server's clock (the first five minutes after start),
/// unless one is already queued or running: the job runner does the work, with its leases and retries. Several
/// processes may each queue one in the same hour; purging twice deletes nothing more.
/// </summary>
public sealed partial class WebhookRetentionSchedule(Database database, JobQueue jobs, TimeProvider clock, ILogger<WebhookRetentionSchedule> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static readonly TimeSpan FirstRunAfter = TimeSpan.FromMinutes(5);

    // The clock is read this often rather than waited on for an hour: a test clock moved forward is seen at once.
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = clock.GetUtcNow() + FirstRunAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Check, clock, stoppingToken).ConfigureAwait(false);
                if (clock.GetUtcNow() < next)
                {
                    continue;
                }

                await EnqueueAsync(stoppingToken).ConfigureAwait(false);
                next = clock.GetUtcNow() + Interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The database is away: tried again at the next check.
                LogScheduleError(logger, e);
            }
        }
    }

    /// <summary>Queues a purge due now unless one is queued or running; true when it queued one.</summary>
    public async Task<bool> EnqueueAsync(CancellationToken cancellationToken)
    {
        var queued = await database.WriteAsync(async (c, t) =>
        {
            var pending = await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM jobs WHERE kind = @kind AND status IN ('queued', 'running')", new { kind = WebhookRetentionJob.Kind }, t).ConfigureAwait(false);
            if (pending > 0)
            {
                return false;
            }

            await jobs.EnqueueAsync(c, t, WebhookRetentionJob.Kind, WebhookRetentionJob.Subject, clock.GetUtcNow()).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (queued)
        {
            jobs.Signal();
        }

        return queued;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue the webhook retention job; tried again shortly")]
    private static partial void LogScheduleError(ILogger logger, Exception exception);
}
