namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>
/// Concurrent workers, each repeating create client, upload a file, create a draft invoice, finalize it, until the server is
/// killed under them: the kill comes when the round has started <c>killAfterRequests</c> requests, so it always
/// lands mid-load whatever the machine's speed. Every answer (or its absence) is kept on the write; a refusal (not 2xx) is kept too, for the audit to report.
/// </summary>
public sealed class WriteLoad(WriteLedger ledger, HttpClient http)
{
    private int _started;

    /// <summary>Runs the workers; <paramref name="kill"/> is called once, after that many requests started.</summary>
    public async Task RunUntilKilledAsync(int workers, int killAfterRequests, Func<Task> kill)
    {
        var trigger = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killer = Task.Run(async () =>
        {
            await trigger.Task;
            await kill();
        });
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(killAfterRequests, trigger))));
        trigger.TrySetResult(); // workers that all gave up (timeouts) before the count still end with a kill
        await killer;
    }

    /// <summary>Stops at the first request without an answer: the process is dead (or dying) under it.</summary>
    private async Task WorkAsync(int killAfterRequests, TaskCompletionSource trigger)
    {
        while (true)
        {
            var client = await SendAsync(ledger.NewClient(), killAfterRequests, trigger);
            if (client is null)
            {
                return;
            }

            if (client.Succeeded && client.ResourceId is { } clientId)
            {
                if (await SendAsync(ledger.NewAttachment(), killAfterRequests, trigger) is null)
                {
                    return;
                }

                var invoice = await SendAsync(ledger.NewInvoice(clientId), killAfterRequests, trigger);
                if (invoice is null)
                {
                    return;
                }

                if (invoice.Succeeded && invoice.ResourceId is { } invoiceId && await SendAsync(ledger.NewFinalize(invoiceId), killAfterRequests, trigger) is null)
                {
                    return;
                }
            }
        }
    }

    private async Task<WriteReply?> SendAsync(IdempotentWrite write, int killAfterRequests, TaskCompletionSource trigger)
    {
        if (Interlocked.Increment(ref _started) >= killAfterRequests)
        {
            trigger.TrySetResult();
        }

        var reply = await WriteLedger.SendAsync(http, write);
        write.FirstReply = reply;
        write.WasUnanswered = reply is null;
        if (reply is { Succeeded: true })
        {
            write.Acknowledged = reply;
        }

        return reply;
    }
}
