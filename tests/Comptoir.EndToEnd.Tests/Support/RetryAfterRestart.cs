namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>
/// What a careful client does once the server is back: it retries, with the same key and body, every write that got
/// no answer, and the server must answer as if the first attempt had run exactly once. Re-sending writes it already
/// saw acknowledged must replay them, never run them again.
/// </summary>
public sealed class RetryAfterRestart(HttpClient http, DurabilityReport report)
{
    /// <summary>How long a retry may meet 409 idempotency_key_in_use or no answer before it counts as a finding.</summary>
    public static readonly TimeSpan InUseWait = TimeSpan.FromSeconds(15);

    /// <summary>Retries every write whose first send got no answer and that was not retried yet.</summary>
    public async Task RetryUnansweredAsync(IEnumerable<IdempotentWrite> writes)
    {
        var pending = writes.Where(w => w.WasUnanswered && !w.Retried).ToList();
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (write, _) => await RetryAsync(write));
    }

    /// <summary>Re-sends acknowledged writes: each must be a replay of the acknowledged answer.</summary>
    public async Task ResendAcknowledgedAsync(IEnumerable<IdempotentWrite> writes)
    {
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (write, _) =>
        {
            var acknowledged = write.Acknowledged!;
            var reply = await SendUntilSettledAsync(write);
            report.CountAcknowledgedResent();
            if (reply is null)
            {
                report.Add($"{write}: acknowledged ({acknowledged.Status}), re-sent after restart: no answer within {InUseWait.TotalSeconds} s");
            }
            else if (!reply.Replayed || reply.Status != acknowledged.Status || reply.ResourceId != acknowledged.ResourceId || reply.InvoiceNumber != acknowledged.InvoiceNumber)
            {
                report.Add($"{write}: acknowledged {acknowledged}, re-sent after restart it was not replayed as such (second execution?): {reply}");
            }
        });
    }

    private async Task RetryAsync(IdempotentWrite write)
    {
        var reply = await SendUntilSettledAsync(write);
        write.Retried = true;
        if (reply is null)
        {
            report.Add($"{write}: no answer before the kill, and its retry got none within {InUseWait.TotalSeconds} s");
            return;
        }

        if (reply.Succeeded)
        {
            write.Acknowledged = reply;
            if (reply.Replayed)
            {
                report.CountReplayedAfterRestart();
            }
            else
            {
                report.CountExecutedAfterRestart();
            }

            return;
        }

        var why = reply.ErrorCode switch
        {
            "idempotency_key_in_use" => $"the dead process's claim still held the key after {InUseWait.TotalSeconds} s although its lease had been let run out",
            "invalid_status" when write.Kind == WriteKind.Finalize =>
                "the finalization had committed before the kill but its reply was not stored: the retry ran it a second time instead of replaying it",
            _ => "a retry of a write that had not run must run it once, and one that had must replay it",
        };
        report.Add($"{write}: no answer before the kill; its retry answered {reply}: {why}");
    }

    /// <summary>Sends, waiting out 409 idempotency_key_in_use (a dead process's claim) and no answer for a bounded time.</summary>
    private async Task<WriteReply?> SendUntilSettledAsync(IdempotentWrite write)
    {
        var deadline = DateTime.UtcNow + InUseWait;
        while (true)
        {
            report.CountRetrySent();
            var reply = await WriteLedger.SendAsync(http, write);
            var inUse = reply?.ErrorCode == "idempotency_key_in_use";
            if (inUse)
            {
                report.CountKeyInUse();
            }

            var unsettled = reply is null || inUse;
            if (!unsettled || DateTime.UtcNow >= deadline)
            {
                return reply;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
