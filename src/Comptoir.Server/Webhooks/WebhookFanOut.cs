using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// Turns recorded events into deliveries: one per subscription of the event's organization to its type that existed
/// when the event happened, for up to a batch of queued events in one statement and one transaction. The queue row
/// goes in the same transaction as the deliveries, so an event is fanned out once, even by several processes on one
/// PostgreSQL (each takes a batch of its own, SKIP LOCKED) or after a crash (nothing or everything of a batch).
/// </summary>
public sealed class WebhookFanOut(Database database)
{
    public const int DefaultBatch = 500;

    private const string DeliveriesSelect =
        "SELECT e.id, s.subscription_id, e.organization_id, 'pending', 0, e.created_at, e.created_at, e.created_at, e.created_at " +
        "FROM webhook_events e " +
        "JOIN webhook_subscription_types s ON s.organization_id = e.organization_id AND s.type = e.type " +
        // A subscription created after the event never hears of it, as when the deliveries were written with it.
        "JOIN webhook_subscriptions w ON w.id = s.subscription_id AND w.created_at <= e.created_at ";

    private const string InsertDeliveries =
        "INSERT INTO webhook_deliveries (event_id, subscription_id, organization_id, status, attempts, next_attempt_at, retry_from, created_at, updated_at) ";

    // SQLite has one writer: the batch read twice inside one write transaction is the same batch.
    private const string SqliteSql =
        InsertDeliveries + DeliveriesSelect +
        "WHERE e.id IN (SELECT event_id FROM webhook_fanout ORDER BY event_id LIMIT @batch) ON CONFLICT DO NOTHING; " +
        "DELETE FROM webhook_fanout WHERE event_id IN (SELECT event_id FROM webhook_fanout ORDER BY event_id LIMIT @batch)";

    private const string PostgresSql =
        "WITH batch AS (DELETE FROM webhook_fanout WHERE event_id IN " +
        "(SELECT event_id FROM webhook_fanout ORDER BY event_id LIMIT @batch FOR UPDATE SKIP LOCKED) RETURNING event_id), " +
        "written AS (" + InsertDeliveries + DeliveriesSelect + "JOIN batch b ON b.event_id = e.id ON CONFLICT DO NOTHING RETURNING 1) " +
        "SELECT (SELECT COUNT(*) FROM batch)";

    /// <summary>
    /// How many waiting deliveries keep a subscription busy until the next poll: the fastest receiver measured (on
    /// loopback, 1,300 to 2,000 deliveries a second to one subscription) takes about a poll's 100 ms to send them.
    /// </summary>
    public const int Lookahead = 128;

    // Events wait, and some subscription has fewer than Lookahead deliveries waiting (or there is none to hold them
    // back). Any Lookahead of them will do: no order, just an index range cut short.
    private const string WantedSql =
        "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM webhook_fanout) THEN 0 " +
        "WHEN NOT EXISTS (SELECT 1 FROM webhook_subscriptions) THEN 1 " +
        "WHEN EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d " +
        "WHERE d.subscription_id = s.id AND d.status = 'pending' LIMIT 1 OFFSET @skip)) THEN 1 " +
        "ELSE 0 END";

    /// <summary>Whether any event waits for its deliveries (a read: an idle dispatcher does not take the writer).</summary>
    public Task<bool> AnyQueuedAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c => await c.ExecuteScalarAsync<string?>("SELECT event_id FROM webhook_fanout LIMIT 1").ConfigureAwait(false) is not null, cancellationToken);

    /// <summary>
    /// Whether a fan-out is wanted now: events wait, and some subscription has fewer than <see cref="Lookahead"/>
    /// deliveries waiting (due now or scheduled for a retry), or there is no subscription at all (the queue then only
    /// empties). While every subscription has that much to send, the events wait in the queue, one small row each, and
    /// their deliveries are written at the pace they can be sent rather than the pace events happen: under load, three
    /// delivery rows per event were most of what webhooks cost the writes they report on. Deliveries waiting for a
    /// retry count: a subscription whose receiver is down would otherwise have rows written for every event as it
    /// comes, though none of them can go before its retries come due (a read, as above).
    /// </summary>
    public Task<bool> WantedAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.ExecuteScalarAsync<bool>(WantedSql, new { skip = Lookahead - 1 }), cancellationToken);

    /// <summary>Writes the deliveries of up to <paramref name="batch"/> queued events; returns how many events it took.</summary>
    public Task<long> FanOutAsync(int batch = DefaultBatch, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        return database.WriteAsync(async (c, t) =>
        {
            if (database.Kind == DatabaseKind.Postgres)
            {
                // A subscription deleted while this runs must not keep deliveries nobody sends or deletes. The share
                // lock waits for a deletion in progress (the next statement's snapshot then no longer has the
                // subscription) and makes a deletion that starts now wait for this commit (it then deletes what
                // this wrote). SQLite's one writer never runs the two at once.
                await c.ExecuteAsync($"SELECT 1 FROM webhook_subscriptions{database.ForKeyShare}", transaction: t).ConfigureAwait(false);
                return await c.ExecuteScalarAsync<long>(PostgresSql, new { batch }, t).ConfigureAwait(false);
            }

            // ExecuteAsync sums the statements' changes; the DELETE's alone is the count of events taken.
            var queued = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT 1 FROM webhook_fanout LIMIT @batch) q", new { batch }, t).ConfigureAwait(false);
            if (queued > 0)
            {
                await c.ExecuteAsync(SqliteSql, new { batch }, t).ConfigureAwait(false);
            }

            return queued;
        }, cancellationToken);
    }

    /// <summary>Fans out everything queued now (tests, and a dispatcher catching up).</summary>
    public async Task<long> FanOutAllAsync(CancellationToken cancellationToken = default)
    {
        long total = 0;
        long taken;
        do
        {
            taken = await FanOutAsync(DefaultBatch, cancellationToken).ConfigureAwait(false);
            total += taken;
        }
        while (taken == DefaultBatch);

        return total;
    }
}
