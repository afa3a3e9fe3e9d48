using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;

namespace Comptoir.Server.Transfers;

/// <summary>
/// Settles a transfer when it is due (<see cref="TransferStore.SettleAsync"/>), completing the job in the same
/// transaction. Settling an already settled or canceled transfer does nothing, so a second run is harmless.
/// </summary>
/// <remarks>
/// Retry schedule: 20 attempts, from 5 s doubling up to 1 hour: about 10 hours of waits in all (8 with the most
/// jitter). Money is waiting and the amount stays reserved, so settlement outlasts a database or network outage of a
/// working day before it is marked failed for an administrator to retry.
/// </remarks>
public sealed class TransferSettlementJob(Database database, TransferStore transfers, TimeProvider clock) : IJobHandler
{
    /// <summary>The job kind, stored in jobs rows: never change it.</summary>
    public const string Kind = TransferStore.SettleTransfer;

    public static readonly RetrySchedule Schedule = new(maxAttempts: 20, baseDelay: TimeSpan.FromSeconds(5), maxDelay: TimeSpan.FromHours(1));

    string IJobHandler.Kind => Kind;

    RetrySchedule IJobHandler.RetrySchedule => Schedule;

    public Task HandleAsync(JobRow job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return database.WriteAsync(async (c, t) =>
        {
            await transfers.SettleAsync(c, t, job.SubjectId).ConfigureAwait(false);
            await JobQueue.CompleteAsync(c, t, job.Id, Timestamps.ToText(clock.GetUtcNow())).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }
}
