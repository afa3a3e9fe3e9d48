using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// The deliveries' queue, with the jobs table's claim and lease: a claim marks a due delivery <c>sending</c> for one
/// dispatcher until its lease ends and counts the attempt (FOR UPDATE SKIP LOCKED on PostgreSQL, the single writer
/// on SQLite), so two processes never make the same attempt; an outcome is recorded only by the claim that made it.
/// A lease that runs out (a crashed process) makes the delivery claimable again, as its next attempt.
/// </summary>
public sealed class WebhookDeliveryStore(Database database, TimeProvider clock, WebhookSettings settings)
{
    private const int MaxErrorLength = 1000;

    private const string ClaimedColumns =
        "d.event_id, d.subscription_id, d.organization_id, d.attempts, d.retry_from, e.type, e.payload, e.created_at AS event_created_at, s.callback_url, s.secret, s.membership_id";

    private const string ListColumns =
        "d.event_id, d.subscription_id, d.organization_id, d.status, d.attempts, d.next_attempt_at, d.retry_from, d.last_attempt_at, d.last_status_code, d.last_error, d.delivered_at, d.created_at, d.updated_at, e.type, e.event";

    /// <summary>
    /// Whether anything is due now for a subscription not in <paramref name="busy"/>. A read: an idle dispatcher, or
    /// one whose subscriptions are all at their limit, does not take the writer to find out.
    /// </summary>
    public Task<bool> AnyDueAsync(IReadOnlyCollection<string> busy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(busy);
        var (exclude, parameters) = Excluding(busy, new { now = Timestamps.ToText(clock.GetUtcNow()) });
        return database.ReadAsync(async c =>
            await c.ExecuteScalarAsync<string?>(
                $"SELECT event_id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now{exclude} LIMIT 1", parameters).ConfigureAwait(false) is not null
            || await c.ExecuteScalarAsync<string?>(
                $"SELECT event_id FROM webhook_deliveries WHERE status = 'sending' AND locked_until < @now{exclude} LIMIT 1", parameters).ConfigureAwait(false) is not null,
            cancellationToken);
    }

    /// <summary>The " AND subscription_id NOT IN (...)" of <paramref name="busy"/>, and the parameters with theirs.</summary>
    private static (string Clause, DynamicParameters Parameters) Excluding(IReadOnlyCollection<string> busy, object parameters)
    {
        // Explicit parameters, not a list: Npgsql would take a list as one array, which NOT IN cannot.
        var all = new DynamicParameters(parameters);
        var names = new List<string>(busy.Count);
        foreach (var id in busy)
        {
            var name = "busy" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            all.Add(name, id);
            names.Add("@" + name);
        }

        return (busy.Count == 0 ? string.Empty : $" AND subscription_id NOT IN ({string.Join(", ", names)})", all);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries for <paramref name="worker"/>, none of the subscriptions in
    /// <paramref name="busy"/> (those this process already sends to as much as it may), and for each subscription no
    /// more than its room: <paramref name="perSubscription"/> less what <paramref name="inFlight"/> says this process
    /// sends it now. Due rows past a subscription's room are left unclaimed rather than claimed and given back, so a
    /// backlog of one subscription costs one claim per attempt, not a claim and a release of a whole batch.
    /// </summary>
    public Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string worker, int limit, IReadOnlyCollection<string> busy, IReadOnlyDictionary<string, int> inFlight, int perSubscription, TimeSpan lease, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<ClaimedDelivery>>(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var nowText = Timestamps.ToText(now);
            // As many due rows as free slots, of subscriptions with room; those past their room stay unclaimed.
            var (exclude, parameters) = Excluding(busy, new { now = nowText, limit });
            // Leases that ran out first (their dispatcher died), then what is due, each read from the index in order.
            var candidates = (await c.QueryAsync<(string EventId, string SubscriptionId)>(
                $"SELECT event_id, subscription_id FROM webhook_deliveries WHERE status = 'sending' AND locked_until < @now{exclude} ORDER BY locked_until, event_id LIMIT @limit" + database.ForUpdateSkipLocked,
                parameters, t).ConfigureAwait(false)).AsList();
            if (candidates.Count < limit)
            {
                candidates.AddRange(await c.QueryAsync<(string, string)>(
                    $"SELECT event_id, subscription_id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now{exclude} ORDER BY next_attempt_at, event_id LIMIT @limit" + database.ForUpdateSkipLocked,
                    Rest(parameters, limit - candidates.Count), t).ConfigureAwait(false));
            }

            var keys = WithinRoom(candidates, limit, inFlight, perSubscription);
            var claimed = new List<ClaimedDelivery>(keys.Count);
            foreach (var (eventId, subscriptionId) in keys)
            {
                var updated = await c.ExecuteAsync(
                    "UPDATE webhook_deliveries SET status = 'sending', locked_by = @worker, locked_until = @until, attempts = attempts + 1, last_attempt_at = @now, updated_at = @now " +
                    "WHERE event_id = @eventId AND subscription_id = @subscriptionId AND (status = 'pending' OR (status = 'sending' AND locked_until < @now))",
                    new { worker, until = Timestamps.ToText(now + lease), now = nowText, eventId, subscriptionId }, t).ConfigureAwait(false);
                if (updated == 0)
                {
                    continue;
                }

                var delivery = await c.QuerySingleOrDefaultAsync<ClaimedDelivery>(
                    $"SELECT {ClaimedColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.event_id = @eventId AND d.subscription_id = @subscriptionId",
                    new { eventId, subscriptionId }, t).ConfigureAwait(false);
                if (delivery is null)
                {
                    // Its subscription is gone: nothing to send, ever.
                    await c.ExecuteAsync("DELETE FROM webhook_deliveries WHERE event_id = @eventId AND subscription_id = @subscriptionId", new { eventId, subscriptionId }, t).ConfigureAwait(false);
                    continue;
                }

                claimed.Add(delivery);
            }

            return claimed;
        }, cancellationToken);

    /// <summary>The candidates, in order, that fit in their subscription's room and the limit.</summary>
    private static List<(string EventId, string SubscriptionId)> WithinRoom(List<(string EventId, string SubscriptionId)> candidates, int limit, IReadOnlyDictionary<string, int> inFlight, int perSubscription)
    {
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<(string, string)>(Math.Min(limit, candidates.Count));
        foreach (var (eventId, subscriptionId) in candidates)
        {
            if (keys.Count == limit)
            {
                break;
            }

            var sending = taken.GetValueOrDefault(subscriptionId) + inFlight.GetValueOrDefault(subscriptionId);
            if (sending < perSubscription)
            {
                taken[subscriptionId] = taken.GetValueOrDefault(subscriptionId) + 1;
                keys.Add((eventId, subscriptionId));
            }
        }

        return keys;
    }

    private static DynamicParameters Rest(DynamicParameters parameters, int rest)
    {
        parameters.Add("limit", rest);
        return parameters;
    }

    /// <summary>Records a 2xx answer; false when the claim was no longer this worker's.</summary>
    public Task<bool> DeliveredAsync(ClaimedDelivery delivery, string worker, int statusCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var now = Timestamps.ToText(clock.GetUtcNow());
        return database.WriteAsync(async (c, t) => await c.ExecuteAsync(
            "UPDATE webhook_deliveries SET status = 'delivered', delivered_at = @now, last_status_code = @statusCode, last_error = NULL, locked_by = NULL, locked_until = NULL, updated_at = @now " +
            "WHERE event_id = @EventId AND subscription_id = @SubscriptionId AND status = 'sending' AND locked_by = @worker AND attempts = @Attempts",
            new { now, statusCode, worker, delivery.EventId, delivery.SubscriptionId, delivery.Attempts }, t).ConfigureAwait(false) == 1, cancellationToken);
    }

    /// <summary>
    /// Records a failed attempt: pending again after the back-off, or failed when the next attempt would fall past
    /// the retry window. Returns the status written, or null when the claim was no longer this worker's.
    /// </summary>
    public Task<string?> FailedAsync(ClaimedDelivery delivery, string worker, int? statusCode, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(error);
        var now = clock.GetUtcNow();
        var next = now + Schedule.DelayAfter(delivery.Attempts, $"{delivery.EventId}:{delivery.SubscriptionId}");
        var status = next > Timestamps.Parse(delivery.RetryFrom) + settings.RetryWindow ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
        var parameters = new
        {
            status,
            next = Timestamps.ToText(next),
            statusCode,
            error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error,
            now = Timestamps.ToText(now),
            worker,
            delivery.EventId,
            delivery.SubscriptionId,
            delivery.Attempts,
        };
        return database.WriteAsync(async (c, t) => await c.ExecuteAsync(
            "UPDATE webhook_deliveries SET status = @status, next_attempt_at = @next, last_status_code = @statusCode, last_error = @error, locked_by = NULL, locked_until = NULL, updated_at = @now " +
            "WHERE event_id = @EventId AND subscription_id = @SubscriptionId AND status = 'sending' AND locked_by = @worker AND attempts = @Attempts",
            parameters, t).ConfigureAwait(false) == 1 ? status : null, cancellationToken);
    }

    /// <summary>The back-off after a failed attempt: <see cref="RetrySchedule"/>'s doubling and jitter; the window, not a count, ends it.</summary>
    public RetrySchedule Schedule { get; } = new(int.MaxValue, settings.FirstRetryDelay, settings.MaxRetryDelay);

    /// <summary>Gives back this worker's claims not yet sent (clean shutdown), for another process to take at once.</summary>
    public Task ReleaseAsync(string worker, IReadOnlyCollection<ClaimedDelivery> unsent, CancellationToken cancellationToken) =>
        unsent.Count == 0 ? Task.CompletedTask : database.WriteAsync(async (c, t) =>
        {
            foreach (var delivery in unsent)
            {
                await c.ExecuteAsync(
                    "UPDATE webhook_deliveries SET status = 'pending', attempts = attempts - 1, locked_by = NULL, locked_until = NULL WHERE event_id = @EventId AND subscription_id = @SubscriptionId AND status = 'sending' AND locked_by = @worker AND attempts = @Attempts",
                    new { delivery.EventId, delivery.SubscriptionId, delivery.Attempts, worker }, t).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);

    /// <summary>A subscription's deliveries, newest first; <paramref name="subscriptionId"/> null lists every organization's.</summary>
    public async Task<(IReadOnlyList<WebhookDeliveryRow> Page, long Total)> ListAsync(string? organizationId, string? subscriptionId, string? status, int offset, int limit, CancellationToken cancellationToken = default)
    {
        var filter = new SqlFilter("1 = 1", new { offset, limit })
            .Compare("d.organization_id", "=", organizationId)
            .Compare("d.subscription_id", "=", subscriptionId)
            .Compare("d.status", "=", status);
        var (where, parameters) = (filter.Where, filter.Parameters);
        return await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM webhook_deliveries d WHERE {where}", parameters).ConfigureAwait(false);
            var rows = await c.QueryAsync<WebhookDeliveryRow>(
                $"SELECT {ListColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE {where} ORDER BY d.created_at DESC, d.event_id DESC LIMIT @limit OFFSET @offset", parameters).ConfigureAwait(false);
            return ((IReadOnlyList<WebhookDeliveryRow>)rows.AsList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<WebhookDeliveryRow?> FindAsync(string? organizationId, string subscriptionId, string eventId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<WebhookDeliveryRow>(
            $"SELECT {ListColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.event_id = @eventId AND d.subscription_id = @subscriptionId AND (@organizationId IS NULL OR d.organization_id = @organizationId)",
            new { organizationId, subscriptionId, eventId }), cancellationToken);

    /// <summary>
    /// Makes a delivery due now with a fresh retry window (a failed one, a pending one waiting for its back-off, or a
    /// delivered one to send again). Null when not found; false when it is being sent right now.
    /// </summary>
    public Task<WebhookDeliveryRow?> RetryAsync(string? organizationId, string subscriptionId, string eventId, AlsoInTransaction<WebhookDeliveryRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync<WebhookDeliveryRow?>(async (c, t) =>
        {
            var now = Timestamps.ToText(clock.GetUtcNow());
            var changed = await c.ExecuteAsync(
                "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = @now, retry_from = @now, delivered_at = NULL, updated_at = @now " +
                "WHERE event_id = @eventId AND subscription_id = @subscriptionId AND (@organizationId IS NULL OR organization_id = @organizationId) AND status <> 'sending'",
                new { now, eventId, subscriptionId, organizationId }, t).ConfigureAwait(false);
            var row = await c.QuerySingleOrDefaultAsync<WebhookDeliveryRow>(
                $"SELECT {ListColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.event_id = @eventId AND d.subscription_id = @subscriptionId AND (@organizationId IS NULL OR d.organization_id = @organizationId)",
                new { organizationId, subscriptionId, eventId }, t).ConfigureAwait(false);
            if (row is not null && changed == 1)
            {
                await alsoInTransaction.RunAsync(c, t, row).ConfigureAwait(false);
            }

            return row;
        }, cancellationToken);

    /// <summary>Records a signed test event for one subscription, due now.</summary>
    public Task<WebhookDeliveryRow> RecordTestAsync(WebhookSubscriptionRow subscription, AlsoInTransaction<WebhookDeliveryRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return database.WriteAsync(async (c, t) =>
        {
            var now = Timestamps.ToText(clock.GetUtcNow());
            var eventId = Guid.CreateVersion7().ToString();
            var type = subscription.TypeList[0];
            await c.ExecuteAsync(
                "INSERT INTO webhook_events (id, organization_id, type, event, payload, created_at) VALUES (@eventId, @OrganizationId, @type, @name, @payload, @now)",
                new { eventId, subscription.OrganizationId, type, name = WebhookEventNames.Test, payload = WebhookEvents.Data(WebhookEventNames.Test, "{}"), now }, t).ConfigureAwait(false);
            await c.ExecuteAsync(
                "INSERT INTO webhook_deliveries (event_id, subscription_id, organization_id, status, attempts, next_attempt_at, retry_from, created_at, updated_at) VALUES (@eventId, @Id, @OrganizationId, 'pending', 0, @now, @now, @now, @now)",
                new { eventId, subscription.Id, subscription.OrganizationId, now }, t).ConfigureAwait(false);
            var row = await c.QuerySingleAsync<WebhookDeliveryRow>(
                $"SELECT {ListColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.event_id = @eventId AND d.subscription_id = @Id",
                new { eventId, subscription.Id }, t).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, row).ConfigureAwait(false);
            return row;
        }, cancellationToken);
    }
}
