using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// The deliveries' queue, with the jobs table's claim and lease: a claim marks a due delivery <c>sending</c> for one
/// dispatcher until its lease ends and counts the attempt (an update conditional on the row being claimable still,
/// which one claimer alone wins), so two processes never make the same attempt; an outcome is recorded only by the
/// claim that made it.
/// A lease that runs out (a crashed process) makes the delivery claimable again, as its next attempt.
/// </summary>
public sealed class WebhookDeliveryStore(Database database, TimeProvider clock, WebhookSettings settings)
{
    private const int MaxErrorLength = 1000;
    private int _rotation;

    private const string ClaimedColumns =
        "d.event_id, d.subscription_id, d.organization_id, d.attempts, d.retry_from, e.type, e.payload, e.data, e.created_at AS event_created_at, s.callback_url, s.secret, s.membership_id";

    // An event waiting in the fan-out queue, for each subscription it will go to (as WebhookFanOut writes them), that
    // has no delivery written yet (a manual retry writes one ahead of the fan-out).
    private const string QueuedFrom =
        "FROM webhook_fanout q JOIN webhook_events e ON e.id = q.event_id " +
        "JOIN webhook_subscription_types st ON st.organization_id = e.organization_id AND st.type = e.type " +
        "JOIN webhook_subscriptions s ON s.id = st.subscription_id AND s.created_at <= e.created_at " +
        "WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries w WHERE w.event_id = e.id AND w.subscription_id = s.id)";

    private const string QueuedColumns =
        "e.id AS event_id, s.id AS subscription_id, e.organization_id, 'pending' AS status, 0 AS attempts, e.created_at AS next_attempt_at, " +
        "e.created_at AS retry_from, NULL AS last_attempt_at, NULL AS last_status_code, NULL AS last_error, NULL AS delivered_at, " +
        "e.created_at AS created_at, e.created_at AS updated_at, e.type, e.event";

    private const string ListColumns =
        "d.event_id, d.subscription_id, d.organization_id, d.status, d.attempts, d.next_attempt_at, d.retry_from, d.last_attempt_at, d.last_status_code, d.last_error, d.delivered_at, d.created_at, d.updated_at, e.type, e.event";

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries for <paramref name="worker"/>, none of the subscriptions in
    /// <paramref name="busy"/> (those this process already sends to as much as it may), and for each subscription no
    /// more than its room: <paramref name="perSubscription"/> less what <paramref name="inFlight"/> says this process
    /// sends it now. Leases that ran out (their dispatcher died) come first, then what is due, oldest first.
    /// <para>
    /// The due rows are found by a read, subscription by subscription on its own index range, so a backlog held by a
    /// busy subscription is never scanned to find another's; the write only marks them (each update checks again that
    /// the row is still claimable, so two processes never make the same attempt), and what sending takes (the payload,
    /// the callback) is read after it commits. The single writer does a few small updates per claim and nothing else.
    /// </para>
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string worker, int limit, IReadOnlyCollection<string> busy, IReadOnlyDictionary<string, int> inFlight, int perSubscription, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(busy);
        ArgumentNullException.ThrowIfNull(inFlight);
        var now = clock.GetUtcNow();
        var nowText = Timestamps.ToText(now);
        var candidates = await DueAsync(limit, busy, inFlight, perSubscription, nowText, cancellationToken).ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            return [];
        }

        var marked = await database.WriteAsync<List<(string EventId, string SubscriptionId)>>(async (c, t) =>
        {
            var keys = new List<(string, string)>(candidates.Count);
            foreach (var (eventId, subscriptionId) in candidates)
            {
                var updated = await c.ExecuteAsync(
                    "UPDATE webhook_deliveries SET status = 'sending', locked_by = @worker, locked_until = @until, attempts = attempts + 1, last_attempt_at = @now, updated_at = @now " +
                    "WHERE event_id = @eventId AND subscription_id = @subscriptionId AND (status = 'pending' OR (status = 'sending' AND locked_until < @now))",
                    new { worker, until = Timestamps.ToText(now + lease), now = nowText, eventId, subscriptionId }, t).ConfigureAwait(false);
                if (updated == 1)
                {
                    keys.Add((eventId, subscriptionId));
                }
            }

            return keys;
        }, cancellationToken).ConfigureAwait(false);

        if (marked.Count == 0)
        {
            return [];
        }

        // The event and the subscription's callback never change; a subscription deleted meanwhile took its
        // deliveries with it, and there is nothing to send. One read for the claim's few rows.
        return await database.ReadAsync(async c =>
        {
            var claimed = new List<ClaimedDelivery>(marked.Count);
            foreach (var (eventId, subscriptionId) in marked)
            {
                var delivery = await c.QuerySingleOrDefaultAsync<ClaimedDelivery>(
                    $"SELECT {ClaimedColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id JOIN webhook_subscriptions s ON s.id = d.subscription_id " +
                    "WHERE d.event_id = @eventId AND d.subscription_id = @subscriptionId AND d.locked_by = @worker",
                    new { eventId, subscriptionId, worker }).ConfigureAwait(false);
                if (delivery is not null)
                {
                    claimed.Add(delivery);
                }
            }

            return claimed;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The claimable deliveries, at most <paramref name="limit"/>, each subscription with room given up to its room,
    /// starting from a different subscription each time so that none waits behind the others.
    /// </summary>
    private Task<List<(string EventId, string SubscriptionId)>> DueAsync(int limit, IReadOnlyCollection<string> busy, IReadOnlyDictionary<string, int> inFlight, int perSubscription, string now, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            var found = new List<(string, string)>();
            var subscriptions = (await c.QueryAsync<string>("SELECT id FROM webhook_subscriptions ORDER BY id").ConfigureAwait(false)).AsList();
            var start = subscriptions.Count == 0 ? 0 : (int)((uint)Interlocked.Increment(ref _rotation) % (uint)subscriptions.Count);
            for (var i = 0; i < subscriptions.Count && found.Count < limit; i++)
            {
                var subscriptionId = subscriptions[(start + i) % subscriptions.Count];
                var room = Math.Min(perSubscription - inFlight.GetValueOrDefault(subscriptionId), limit - found.Count);
                if (room <= 0 || busy.Contains(subscriptionId))
                {
                    continue;
                }

                var parameters = new { subscriptionId, now, room };
                var rows = (await c.QueryAsync<string>(
                    "SELECT event_id FROM webhook_deliveries WHERE subscription_id = @subscriptionId AND status = 'sending' AND locked_until < @now ORDER BY locked_until, event_id LIMIT @room",
                    parameters).ConfigureAwait(false)).AsList();
                if (rows.Count < room)
                {
                    rows.AddRange(await c.QueryAsync<string>(
                        "SELECT event_id FROM webhook_deliveries WHERE subscription_id = @subscriptionId AND status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, event_id LIMIT @room",
                        new { subscriptionId, now, room = room - rows.Count }).ConfigureAwait(false));
                }

                found.AddRange(rows.Select(eventId => (eventId, subscriptionId)));
            }

            return found;
        }, cancellationToken);

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

    /// <summary>
    /// A subscription's deliveries, newest first; <paramref name="subscriptionId"/> null lists every organization's.
    /// The deliveries of events still waiting in the fan-out queue (<see cref="WebhookFanOut.WantedAsync"/>) come
    /// first, as pending deliveries with no attempt yet: they are the newest, and nothing is hidden while a backlog
    /// waits.
    /// </summary>
    public async Task<(IReadOnlyList<WebhookDeliveryRow> Page, long Total)> ListAsync(string? organizationId, string? subscriptionId, string? status, int offset, int limit, CancellationToken cancellationToken = default)
    {
        SqlFilter Written(long skip, int take) => new SqlFilter("1 = 1", new { offset = skip, limit = take })
            .Compare("d.organization_id", "=", organizationId)
            .Compare("d.subscription_id", "=", subscriptionId)
            .Compare("d.status", "=", status);
        var queuedFilter = new SqlFilter(status is null or WebhookDeliveryStatus.Pending ? "1 = 1" : "1 = 0", new { offset, limit })
            .Compare("e.organization_id", "=", organizationId)
            .Compare("s.id", "=", subscriptionId);
        return await database.ReadAsync(async c =>
        {
            // Two reads, each on its own index: a fan-out between them can move an event from one to the other, as
            // a new delivery moves any offset page.
            var queued = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) {QueuedFrom} AND {queuedFilter.Where}", queuedFilter.Parameters).ConfigureAwait(false);
            var page = new List<WebhookDeliveryRow>();
            if (offset < queued)
            {
                page.AddRange(await c.QueryAsync<WebhookDeliveryRow>(
                    $"SELECT {QueuedColumns} {QueuedFrom} AND {queuedFilter.Where} ORDER BY e.created_at DESC, e.id DESC, s.id LIMIT @limit OFFSET @offset", queuedFilter.Parameters).ConfigureAwait(false));
            }

            var filter = Written(Math.Max(0, offset - queued), limit - page.Count);
            var written = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM webhook_deliveries d WHERE {filter.Where}", filter.Parameters).ConfigureAwait(false);
            if (page.Count < limit)
            {
                page.AddRange(await c.QueryAsync<WebhookDeliveryRow>(
                    $"SELECT {ListColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE {filter.Where} ORDER BY d.created_at DESC, d.event_id DESC LIMIT @limit OFFSET @offset", filter.Parameters).ConfigureAwait(false));
            }

            return ((IReadOnlyList<WebhookDeliveryRow>)page, queued + written);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes a delivery due now with a fresh retry window (a failed one, a pending one waiting for its back-off, or a
    /// delivered one to send again; one still in the fan-out queue is written ahead of it). Null when not found;
    /// false when it is being sent right now.
    /// </summary>
    public Task<WebhookDeliveryRow?> RetryAsync(string? organizationId, string subscriptionId, string eventId, AlsoInTransaction<WebhookDeliveryRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync<WebhookDeliveryRow?>(async (c, t) =>
        {
            var now = Timestamps.ToText(clock.GetUtcNow());
            // As the fan-out does: the share lock keeps a deletion of the subscription from passing in between
            // (PostgreSQL), and the fan-out's ON CONFLICT skips the delivery written here.
            if (await c.ExecuteScalarAsync<string?>($"SELECT id FROM webhook_subscriptions WHERE id = @subscriptionId{database.ForKeyShare}", new { subscriptionId }, t).ConfigureAwait(false) is not null)
            {
                await c.ExecuteAsync(
                    "INSERT INTO webhook_deliveries (event_id, subscription_id, organization_id, status, attempts, next_attempt_at, retry_from, created_at, updated_at) " +
                    $"SELECT e.id, s.id, e.organization_id, 'pending', 0, e.created_at, e.created_at, e.created_at, e.created_at {QueuedFrom} " +
                    "AND q.event_id = @eventId AND s.id = @subscriptionId AND (@organizationId IS NULL OR e.organization_id = @organizationId) ON CONFLICT DO NOTHING",
                    new { eventId, subscriptionId, organizationId }, t).ConfigureAwait(false);
            }

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

    /// <summary>
    /// Records a signed test event for one subscription, due now; null when the subscription was deleted meanwhile
    /// (its share lock, on PostgreSQL, keeps a deletion from passing in between and leaving the delivery behind).
    /// </summary>
    public Task<WebhookDeliveryRow?> RecordTestAsync(WebhookSubscriptionRow subscription, AlsoInTransaction<WebhookDeliveryRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return database.WriteAsync<WebhookDeliveryRow?>(async (c, t) =>
        {
            if (await c.ExecuteScalarAsync<string?>($"SELECT id FROM webhook_subscriptions WHERE id = @Id{database.ForKeyShare}", new { subscription.Id }, t).ConfigureAwait(false) is null)
            {
                return null;
            }

            var at = clock.GetUtcNow();
            var now = Timestamps.ToText(at);
            var eventId = WebhookEventIds.New(at);
            var type = subscription.TypeList[0];
            var (payload, data) = WebhookPayloads.Store(WebhookEvents.Data(WebhookEventNames.Test, "{}"));
            await c.ExecuteAsync(
                "INSERT INTO webhook_events (id, organization_id, type, event, payload, data, created_at) VALUES (@eventId, @OrganizationId, @type, @name, @payload, @data, @now)",
                new { eventId, subscription.OrganizationId, type, name = WebhookEventNames.Test, payload, data, now }, t).ConfigureAwait(false);
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
