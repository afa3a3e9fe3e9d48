using System.Net;
using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.Tests;

/// <summary>
/// The retention of webhook events on the server's clock: the hourly job, run by the job runner, deletes events past
/// the retention with their deliveries, in batches that queue each other, and never an event whose delivery is not
/// final yet.
/// </summary>
public sealed class WebhookRetentionTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Events_past_the_retention_go_in_batches_once_every_delivery_is_final(string engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await RunningServer.StartAsync(engine, o => o with
        {
            Webhooks = o.Webhooks with { AllowLoopback = true, PollInterval = TimeSpan.FromMilliseconds(20), Retention = Retention, PurgeBatchSize = 2 },
        });
        var (subscriptionId, _) = await WebhookDeliveryTests.SubscribeAsync(server, receiver.Url, "v1/clients");

        // Six old events, all delivered; then one made final by failing, one left waiting for its next attempt.
        for (var i = 0; i < 6; i++)
        {
            await Seeds.CreateClientAsync(server.Client);
        }

        await WaitAsync(server, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'", 6);
        var old = (await server.Database.ReadAsync(c => c.QueryAsync<string>("SELECT id FROM webhook_events ORDER BY created_at, id"))).ToList();
        var (failed, waiting) = (old[0], old[1]);
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE webhook_deliveries SET status = CASE WHEN event_id = @failed THEN 'failed' ELSE 'pending' END, next_attempt_at = '2100-01-01T00:00:00.000Z' WHERE event_id IN (@failed, @waiting)",
            new { failed, waiting }, t));

        // 29 days on, the first hourly run finds nothing old enough, and a seventh event comes; at 31 days the six are
        // past the retention and it is not.
        var purges = $"SELECT COUNT(*) FROM jobs WHERE kind = '{WebhookRetentionJob.Kind}' AND status = 'done'";
        server.Clock.Advance(Retention - TimeSpan.FromDays(1));
        await WaitAsync(server, purges, 1);
        Assert.Equal(6, await CountAsync(server, "SELECT COUNT(*) FROM webhook_events"));
        var recentClient = await Seeds.CreateClientAsync(server.Client);
        await WaitAsync(server, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'", 5);
        server.Clock.Advance(TimeSpan.FromDays(2));

        // Five can go (the waiting one cannot), two per job: three jobs, the last finding nothing more.
        await WaitAsync(server, purges, 4);
        Assert.Equal(2, await CountAsync(server, "SELECT COUNT(*) FROM webhook_events"));
        var left = (await server.Database.ReadAsync(c => c.QueryAsync<string>("SELECT id FROM webhook_events ORDER BY created_at, id"))).ToList();
        Assert.Equal(waiting, left[0]);
        Assert.Equal(recentClient, await DataIdAsync(server, left[1]));
        Assert.Equal(2, await CountAsync(server, "SELECT COUNT(*) FROM webhook_deliveries"));
        Assert.Equal(0, await CountAsync(server, $"SELECT COUNT(*) FROM jobs WHERE kind = '{WebhookRetentionJob.Kind}' AND status <> 'done'"));
        var listed = await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{subscriptionId}/deliveries"), HttpStatusCode.OK);
        Assert.Equal(2, listed.GetProperty("deliveries").GetArrayLength());

        // Once its delivery is final the waiting event goes at the next hourly run; the recent one stays.
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE webhook_deliveries SET status = 'delivered', updated_at = @now WHERE event_id = @waiting",
            new { waiting, now = Timestamps.ToText(server.Clock.GetUtcNow()) }, t));
        server.Clock.Advance(WebhookRetentionSchedule.Interval + Retention);
        await WaitAsync(server, "SELECT COUNT(*) FROM webhook_events", 0);
        Assert.Equal(0, await CountAsync(server, "SELECT COUNT(*) FROM webhook_deliveries"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_delivery_retried_by_hand_keeps_its_old_event_for_another_retention(string engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await RunningServer.StartAsync(engine, o => o with
        {
            RunWorkers = false,
            Webhooks = o.Webhooks with { AllowLoopback = true, Retention = Retention },
        });
        await WebhookDeliveryTests.SubscribeAsync(server, receiver.Url, "v1/clients");
        await Seeds.CreateClientAsync(server.Client);
        await Seeds.CreateClientAsync(server.Client);
        // No dispatcher runs here: the events' deliveries are written as it would write them.
        await new WebhookFanOut(server.Database).FanOutAllAsync();
        var events = (await server.Database.ReadAsync(c => c.QueryAsync<string>("SELECT id FROM webhook_events ORDER BY created_at, id"))).ToList();
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync("UPDATE webhook_deliveries SET status = 'delivered'", transaction: t));

        // 40 days on, the first event's delivery is retried by hand and delivered again the same day.
        server.Clock.Advance(TimeSpan.FromDays(40));
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE webhook_deliveries SET updated_at = @now WHERE event_id = @id", new { id = events[0], now = Timestamps.ToText(server.Clock.GetUtcNow()) }, t));
        var settings = new WebhookSettings { Retention = Retention, PurgeBatchSize = 10 };
        var queue = new Comptoir.Server.Jobs.JobQueue(server.Database, server.Clock);
        var job = new WebhookRetentionJob(server.Database, queue, settings, server.Clock);
        var id = await TestJobs.EnqueueAsync(server.Database, queue, server.Clock, WebhookRetentionJob.Kind, WebhookRetentionJob.Subject);
        var claimed = await queue.ClaimAsync("test", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(id, claimed!.Id);
        await job.HandleAsync(claimed, CancellationToken.None);

        Assert.Equal(new[] { events[0] }, await server.Database.ReadAsync(c => c.QueryAsync<string>("SELECT id FROM webhook_events")));
        Assert.Equal("done", (await TestJobs.ReadAsync(server.Database, id)).Status);
        // The batch was not full: no next job.
        Assert.Equal(1, await CountAsync(server, $"SELECT COUNT(*) FROM jobs WHERE kind = '{WebhookRetentionJob.Kind}'"));
    }

    private static async Task<string> DataIdAsync(RunningServer server, string eventId)
    {
        var stored = await server.Database.ReadAsync(c => c.QuerySingleAsync<(string Payload, byte[]? Data)>("SELECT payload, data FROM webhook_events WHERE id = @eventId", new { eventId }));
        using var json = System.Text.Json.JsonDocument.Parse(WebhookPayloads.Read(stored.Payload, stored.Data));
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static Task<long> CountAsync(RunningServer server, string sql) => server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>(sql));

    private static async Task WaitAsync(RunningServer server, string countSql, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        long count;
        while ((count = await CountAsync(server, countSql)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{countSql}: {count}, expected {expected}");
            await Task.Delay(50);
        }
    }
}
