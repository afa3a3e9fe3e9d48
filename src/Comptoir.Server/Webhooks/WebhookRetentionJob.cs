using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// Deletes one batch of events past <see cref="WebhookSettings.Retention"/> (see <see cref="WebhookEventPurge"/>) and
/// completes its job in the same transaction; a full batch queues the next job, due at once, in that transaction too,
/// so a large backlog goes in bounded steps with other jobs in between. <see cref="WebhookRetentionSchedule"/> queues
/// the first of each hour. Deleting what is already gone does nothing, so a second run is harmless.
/// </summary>
/// <remarks>Retry schedule: 5 attempts, from 1 minute doubling up to 30: a failing purge waits for the next hour's.</remarks>
public sealed class WebhookRetentionJob(Database database, JobQueue jobs, WebhookSettings settings, TimeProvider clock) : IJobHandler
{
    /// <summary>The job kind, stored in jobs rows: never change it.</summary>
    public const string Kind = "purge_webhook_events";

    /// <summary>The subject of every purge job: the table it works on.</summary>
    public const string Subject = "webhook_events";

    public static readonly RetrySchedule Schedule = new(maxAttempts: 5, baseDelay: TimeSpan.FromMinutes(1), maxDelay: TimeSpan.FromMinutes(30));

    string IJobHandler.Kind => Kind;

    RetrySchedule IJobHandler.RetrySchedule => Schedule;

    public async Task HandleAsync(JobRow job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = clock.GetUtcNow();
        var batch = await database.WriteAsync(async (c, t) =>
        {
            var purged = await WebhookEventPurge.DeleteBatchAsync(c, t, Timestamps.ToText(now - settings.Retention), settings.PurgeBatchSize).ConfigureAwait(false);
            if (purged.Full)
            {
                await jobs.EnqueueAsync(c, t, Kind, Subject, now).ConfigureAwait(false);
            }

            await JobQueue.CompleteAsync(c, t, job.Id, Timestamps.ToText(now)).ConfigureAwait(false);
            return purged;
        }, cancellationToken).ConfigureAwait(false);
        if (batch.Full)
        {
            jobs.Signal();
        }
    }
}
