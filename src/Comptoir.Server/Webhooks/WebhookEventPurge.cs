using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// Deletes old events with their deliveries, one bounded batch per call, inside the caller's transaction. An event
/// goes when it is older than the cutoff and every delivery of it is final (delivered or failed) and unchanged since
/// the cutoff: a pending or in-flight delivery keeps its event whatever its age, and so does one retried by hand lately.
/// </summary>
internal static class WebhookEventPurge
{
    private const string CandidatesSql =
        // The id range finds the old events on the primary key (WebhookEventIds); created_at decides.
        "SELECT e.id FROM webhook_events e WHERE e.id < @madeBefore AND e.created_at < @cutoff AND NOT EXISTS (" +
        "SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND (d.status NOT IN ('delivered', 'failed') OR d.updated_at >= @cutoff)) " +
        // An event still waiting for its deliveries to be written has none yet, and must not pass for a finished one.
        "AND NOT EXISTS (SELECT 1 FROM webhook_fanout f WHERE f.event_id = e.id) " +
        "ORDER BY e.id LIMIT @limit";

    /// <summary>The outcome of one batch: events deleted, and whether the batch was full (more may be waiting).</summary>
    public readonly record struct Batch(int Deleted, bool Full);

    public static async Task<Batch> DeleteBatchAsync(DbConnection connection, DbTransaction transaction, string cutoff, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var madeBefore = WebhookEventIds.MadeBefore(Storage.Timestamps.Parse(cutoff));
        var ids = (await connection.QueryAsync<string>(CandidatesSql, new { cutoff, madeBefore, limit }, transaction).ConfigureAwait(false)).AsList();
        if (ids.Count == 0)
        {
            return new Batch(0, false);
        }

        // Explicit parameters, not a list: the project's connections do not expand one.
        var parameters = new DynamicParameters();
        for (var i = 0; i < ids.Count; i++)
        {
            parameters.Add("e" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        }

        var names = string.Join(", ", ids.Select((_, i) => "@e" + i.ToString(CultureInfo.InvariantCulture)));
        // The statuses are checked again as rows are deleted: a delivery retried since the candidates were read stays,
        // and so then does its event.
        await connection.ExecuteAsync($"DELETE FROM webhook_deliveries WHERE event_id IN ({names}) AND status IN ('delivered', 'failed')", parameters, transaction).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(
            $"DELETE FROM webhook_events WHERE id IN ({names}) AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id) " +
            "AND NOT EXISTS (SELECT 1 FROM webhook_fanout f WHERE f.event_id = webhook_events.id)",
            parameters, transaction).ConfigureAwait(false);
        return new Batch(deleted, ids.Count == limit);
    }
}
