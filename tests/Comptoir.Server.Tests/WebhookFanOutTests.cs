using System.Text;
using System.Text.Json;
using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.Tests;

/// <summary>
/// The outbox's two halves on both engines, without a dispatcher running: a write records its event and a queue row,
/// and the fan-out turns each queued event into one delivery per subscription, exactly once. Then the claim: a
/// subscription's backlog never hides another's due deliveries.
/// </summary>
public sealed class WebhookFanOutTests
{
    private const string Organization = "org-fanout";
    private const string Now = "2026-03-19T20:30:00.000Z";

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_recorded_event_waits_in_the_queue_and_fans_out_once_into_a_delivery_per_subscription(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-a", "sub-b", "sub-c");
        await RecordAsync(database, Resource(1));

        Assert.Equal("1/1/0", await CountsAsync(database));
        var fanOut = new WebhookFanOut(database);
        Assert.True(await fanOut.AnyQueuedAsync(CancellationToken.None));
        Assert.Equal(1, await fanOut.FanOutAllAsync());
        Assert.Equal("1/0/3", await CountsAsync(database));
        Assert.Equal(3, await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending' AND attempts = 0"));

        // Nothing left: a second fan-out writes nothing.
        Assert.False(await fanOut.AnyQueuedAsync(CancellationToken.None));
        Assert.Equal(0, await fanOut.FanOutAllAsync());
        Assert.Equal("1/0/3", await CountsAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_fan_out_waits_while_every_subscription_has_a_lookahead_of_waiting_deliveries(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-a", "sub-b");
        var fanOut = new WebhookFanOut(database);
        Assert.False(await fanOut.WantedAsync(CancellationToken.None)); // nothing queued

        // Enough events that both subscriptions have a lookahead's worth due, and one more queued behind them.
        await database.WriteAsync<int>(async (c, t) =>
        {
            for (var i = 0; i < WebhookFanOut.Lookahead; i++)
            {
                await WebhookEvents.RecordAsync(c, t, Organization, WebhookTypes.Clients, WebhookEventNames.Created, Resource(i), Now);
            }

            return 0;
        });
        Assert.True(await fanOut.WantedAsync(CancellationToken.None));
        Assert.Equal(WebhookFanOut.Lookahead, await fanOut.FanOutAllAsync());
        await RecordAsync(database, Resource(-1));
        Assert.False(await fanOut.WantedAsync(CancellationToken.None));

        // One of sub-a's deliveries sent: sub-a runs short, and the queued event is wanted.
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE webhook_deliveries SET status = 'delivered' WHERE subscription_id = 'sub-a' AND event_id = (SELECT MIN(event_id) FROM webhook_deliveries)", transaction: t));
        Assert.True(await fanOut.WantedAsync(CancellationToken.None));

        // Back to a full lookahead, part of it scheduled for a later retry: waiting all the same, so not wanted (a
        // receiver that is down gets no more rows while its retries wait).
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE webhook_deliveries SET status = 'pending' WHERE subscription_id = 'sub-a'; " +
            "UPDATE webhook_deliveries SET next_attempt_at = '2026-03-19T21:00:00.000Z' WHERE subscription_id = 'sub-b'", transaction: t));
        Assert.False(await fanOut.WantedAsync(CancellationToken.None));

        // A new subscription with nothing waiting wants it at once; with no subscription at all the queue only empties.
        await SubscribeAsync(database, "sub-new", Now);
        Assert.True(await fanOut.WantedAsync(CancellationToken.None));
        await database.WriteAsync(async (c, t) =>
        {
            foreach (var id in new[] { "sub-a", "sub-b", "sub-new" })
            {
                await WebhookSubscriptionStore.DeleteAsync(c, t, Organization, id);
            }

            return 0;
        });
        Assert.True(await fanOut.WantedAsync(CancellationToken.None));
        Assert.Equal(1, await fanOut.FanOutAllAsync());
        Assert.False(await fanOut.WantedAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Deliveries_of_events_still_queued_are_listed_as_pending_and_a_retry_writes_one_ahead_of_the_fan_out(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-a", "sub-b");
        var store = new WebhookDeliveryStore(database, new ManualClock(DateTimeOffset.Parse("2026-03-19T20:40:00Z", System.Globalization.CultureInfo.InvariantCulture)), new WebhookSettings());
        string[] times = ["2026-03-19T20:30:01.000Z", "2026-03-19T20:30:02.000Z", "2026-03-19T20:30:03.000Z"];
        foreach (var at in times)
        {
            await RecordAsync(database, Resource(1), at);
        }

        var ids = (await database.ReadAsync(c => c.QueryAsync<string>("SELECT id FROM webhook_events ORDER BY created_at"))).ToList();
        await new WebhookFanOut(database).FanOutAsync(batch: 2); // the two oldest written, the newest still queued

        var (page, total) = await store.ListAsync(Organization, "sub-a", null, 0, 10);
        Assert.Equal(3, total);
        Assert.Equal([ids[2], ids[1], ids[0]], page.Select(d => d.EventId));
        Assert.All(page, d => Assert.Equal(("sub-a", WebhookDeliveryStatus.Pending, 0L), (d.SubscriptionId, d.Status, d.Attempts)));
        Assert.Equal((times[2], WebhookEventNames.Created, WebhookTypes.Clients), (page[0].NextAttemptAt, page[0].Event, page[0].Type));

        // Pages across the two: the second row is the newest written delivery.
        var (second, _) = await store.ListAsync(Organization, "sub-a", null, 1, 1);
        Assert.Equal([ids[1]], second.Select(d => d.EventId));
        var (delivered, deliveredTotal) = await store.ListAsync(Organization, "sub-a", WebhookDeliveryStatus.Delivered, 0, 10);
        Assert.Equal(0, deliveredTotal);
        Assert.Empty(delivered);
        var (everyone, everyoneTotal) = await store.ListAsync(null, null, null, 0, 10);
        Assert.Equal(6, everyoneTotal);
        Assert.Equal(6, everyone.Count);

        // A retry of the queued one writes sub-a's delivery now, due now; the fan-out then writes only sub-b's.
        var retried = await store.RetryAsync(Organization, "sub-a", ids[2]);
        Assert.Equal((ids[2], WebhookDeliveryStatus.Pending, "2026-03-19T20:40:00.000Z"), (retried?.EventId, retried?.Status, retried?.NextAttemptAt));
        Assert.Equal(3, (await store.ListAsync(Organization, "sub-a", null, 0, 10)).Total);
        Assert.Equal(3, (await store.ListAsync(Organization, "sub-b", null, 0, 10)).Total);
        Assert.Equal(1, await new WebhookFanOut(database).FanOutAllAsync());
        Assert.Equal("3/0/6", await CountsAsync(database));
        Assert.Null(await store.RetryAsync(Organization, "sub-a", "no-such-event"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_write_that_rolls_back_leaves_neither_event_nor_queue_row(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-a");
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.WriteAsync<int>(async (c, t) =>
        {
            await WebhookEvents.RecordAsync(c, t, Organization, WebhookTypes.Clients, WebhookEventNames.Created, Resource(1), Now);
            throw new InvalidOperationException("the change fails after its event was recorded");
        }));

        Assert.Equal("0/0/0", await CountsAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_fan_outs_write_each_delivery_once(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-a", "sub-b", "sub-c");
        const int events = 1_200;
        await database.WriteAsync<int>(async (c, t) =>
        {
            for (var i = 0; i < events; i++)
            {
                await WebhookEvents.RecordAsync(c, t, Organization, WebhookTypes.Clients, WebhookEventNames.Created, Resource(i), Now);
            }

            return 0;
        });

        // Two dispatchers (two processes on PostgreSQL) fanning out at the same time, in batches.
        var taken = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => new WebhookFanOut(database).FanOutAllAsync())));

        Assert.Equal(events, taken.Sum());
        Assert.Equal($"{events}/0/{events * 3}", await CountsAsync(database));
        Assert.Equal(events * 3, await ScalarAsync(database, "SELECT COUNT(*) FROM (SELECT DISTINCT event_id, subscription_id FROM webhook_deliveries) d"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_subscription_deleted_while_a_fan_out_runs_is_left_with_no_delivery(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-kept", "sub-deleted");
        for (var i = 0; i < 50; i++)
        {
            await RecordAsync(database, Resource(i));
        }

        // The deletion stays open (on PostgreSQL a transaction of its own) while a fan-out starts, then commits.
        var deleting = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var deletion = database.WriteAsync(async (c, t) =>
        {
            var deleted = await WebhookSubscriptionStore.DeleteAsync(c, t, Organization, "sub-deleted");
            deleting.SetResult();
            await release.Task;
            return deleted;
        });
        await deleting.Task;
        var fanOut = new WebhookFanOut(database).FanOutAllAsync();
        await Task.Delay(300);
        release.SetResult();

        Assert.True(await deletion);
        Assert.Equal(50, await fanOut);
        // Before the fan-out took a share lock on the subscriptions, PostgreSQL left 50 deliveries to sub-deleted here:
        // written from a snapshot that still had it, after its deletion had removed its deliveries.
        var subscriptions = await database.ReadAsync(c => c.QueryAsync<string>("SELECT DISTINCT subscription_id FROM webhook_deliveries"));
        Assert.Equal(["sub-kept"], subscriptions);
        Assert.Equal(50, await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_deliveries"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_test_event_for_a_subscription_deleted_meanwhile_writes_nothing(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-kept", "sub-deleted");
        var store = new WebhookDeliveryStore(database, new ManualClock(DateTimeOffset.Parse(Now, System.Globalization.CultureInfo.InvariantCulture)), new WebhookSettings());
        WebhookSubscriptionRow Row(string id) => new() { Id = id, OrganizationId = Organization, Types = """["v1/clients"]""" };
        // Read by the API before the deletion, recorded after it.
        await database.WriteAsync((c, t) => WebhookSubscriptionStore.DeleteAsync(c, t, Organization, "sub-deleted"));

        Assert.Null(await store.RecordTestAsync(Row("sub-deleted")));
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_deliveries"));
        var kept = await store.RecordTestAsync(Row("sub-kept"));
        Assert.Equal(WebhookEventNames.Test, kept?.Event);
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_deliveries"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Only_the_subscriptions_that_existed_when_it_happened_and_still_exist_get_an_event(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-kept", "sub-deleted");
        await RecordAsync(database, Resource(1));
        await SubscribeAsync(database, "sub-later", "2026-03-19T20:31:00.000Z");
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "DELETE FROM webhook_subscription_types WHERE subscription_id = 'sub-deleted'; DELETE FROM webhook_subscriptions WHERE id = 'sub-deleted'", transaction: t));

        await new WebhookFanOut(database).FanOutAllAsync();

        var subscriptions = await database.ReadAsync(c => c.QueryAsync<string>("SELECT subscription_id FROM webhook_deliveries"));
        Assert.Equal(["sub-kept"], subscriptions);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_event_still_queued_is_never_purged_however_old(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-a");
        await RecordAsync(database, Resource(1));

        var purged = await database.WriteAsync((c, t) => WebhookEventPurge.DeleteBatchAsync(c, t, "2030-01-01T00:00:00.000Z", 100));

        Assert.Equal(0, purged.Deleted);
        Assert.Equal("1/1/0", await CountsAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_busy_subscriptions_backlog_does_not_hide_another_subscriptions_due_delivery(string engine)
    {
        await using var database = await SetUpAsync(engine, "sub-busy");
        await database.WriteAsync<int>(async (c, t) =>
        {
            for (var i = 0; i < 300; i++)
            {
                await WebhookEvents.RecordAsync(c, t, Organization, WebhookTypes.Clients, WebhookEventNames.Created, Resource(i), Now);
            }

            return 0;
        });
        // A subscription made a moment later, and an event after it: the only one it hears of.
        const string later = "2026-03-19T20:30:00.500Z";
        await SubscribeAsync(database, "sub-quiet", later);
        await RecordAsync(database, Resource(1_000), later);
        var fanOut = new WebhookFanOut(database);
        await fanOut.FanOutAllAsync();
        var store = new WebhookDeliveryStore(database, new ManualClock(DateTimeOffset.Parse("2026-03-19T20:30:01Z", System.Globalization.CultureInfo.InvariantCulture)), new WebhookSettings());

        var claimed = await store.ClaimAsync("worker", 8, ["sub-busy"], new Dictionary<string, int> { ["sub-busy"] = 4 }, 4, TimeSpan.FromMinutes(1), CancellationToken.None);

        var only = Assert.Single(claimed);
        Assert.Equal("sub-quiet", only.SubscriptionId);
        Assert.Equal(1, only.Attempts);
        using var payload = JsonDocument.Parse(WebhookPayloads.Read(only.Payload, only.Data));
        Assert.Equal("item-1000", payload.RootElement.GetProperty("id").GetString());
        // Claimed once: a second claim finds nothing more for it.
        Assert.Empty(await store.ClaimAsync("other", 8, ["sub-busy"], new Dictionary<string, int>(), 4, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public void A_large_payload_is_kept_as_brotli_bytes_and_read_back_unchanged_and_a_small_one_as_text()
    {
        var large = WebhookEvents.Data(WebhookEventNames.Created, Resource(7));
        var (payload, data) = WebhookPayloads.Store(large);

        Assert.Equal(string.Empty, payload);
        Assert.NotNull(data);
        Assert.True(data.Length * 2 < Encoding.UTF8.GetByteCount(large), $"{data.Length} bytes stored for {large.Length} characters");
        Assert.Equal(large, WebhookPayloads.Read(payload, data));

        const string small = """{"event":"deleted","id":"c1"}""";
        Assert.Equal((small, (byte[]?)null), WebhookPayloads.Store(small));
        Assert.Equal(small, WebhookPayloads.Read(small, null));
        Assert.Throws<InvalidDataException>(() => WebhookPayloads.Read(string.Empty, "not brotli at all"u8.ToArray()));
    }

    [Fact]
    public void A_payload_stored_as_base64_text_before_the_data_column_still_reads()
    {
        var large = WebhookEvents.Data(WebhookEventNames.Created, Resource(8));
        var (_, data) = WebhookPayloads.Store(large);
        var legacy = WebhookPayloads.LegacyCompressedPrefix + Convert.ToBase64String(data!);

        Assert.Equal(large, WebhookPayloads.Read(legacy, null));
        Assert.Throws<InvalidDataException>(() => WebhookPayloads.Read(WebhookPayloads.LegacyCompressedPrefix + Convert.ToBase64String("not brotli at all"u8.ToArray()), null));
    }

    /// <summary>A resource of a few kilobytes, as an invoice's rendering is, with accented text.</summary>
    private static string Resource(int index) =>
        JsonSerializer.Serialize(new
        {
            id = $"item-{index}",
            name = "Société Générale d'Équipement",
            items = Enumerable.Range(0, 20).Select(i => new { title = $"Prestation de conseil n°{i}", quantity = "1.5", unit_price = new { value = "1250.00", currency = "EUR" } }),
        });

    private static Task RecordAsync(Database database, string resource, string at = Now) =>
        database.WriteAsync(async (c, t) =>
        {
            await WebhookEvents.RecordAsync(c, t, Organization, WebhookTypes.Clients, WebhookEventNames.Created, resource, at);
            return 0;
        });

    private static async Task<Database> SetUpAsync(string engine, params string[] subscriptions)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO organizations (id, slug, legal_name, legal_country, locale, invoice_number_pattern, automatic_numbering, created_at, updated_at) " +
            "VALUES (@Organization, 'fanout', 'Fan Out SAS', 'FR', 'fr', 'F-{SEQ:4}', @yes, @Now, @Now)", new { Organization, Now, yes = true }, t));
        foreach (var id in subscriptions)
        {
            await SubscribeAsync(database, id, "2026-03-19T20:00:00.000Z");
        }

        return database;
    }

    private static Task SubscribeAsync(Database database, string id, string createdAt) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO webhook_subscriptions (id, organization_id, callback_url, types, secret, created_at, updated_at) VALUES (@id, @Organization, 'https://erp.example.com/h', 'v1/clients', 'whsec_0123456789abcdef0123456789abcdef', @createdAt, @createdAt); " +
            "INSERT INTO webhook_subscription_types (organization_id, type, subscription_id) VALUES (@Organization, 'v1/clients', @id)",
            new { id, Organization, createdAt }, t));

    /// <summary>"events/queued/deliveries".</summary>
    private static async Task<string> CountsAsync(Database database) =>
        $"{await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_events")}/{await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_fanout")}/{await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_deliveries")}";

    private static Task<long> ScalarAsync(Database database, string sql) => database.ReadAsync(c => c.ExecuteScalarAsync<long>(sql));
}
