using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Comptoir.EndToEnd.Tests.Support;
using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Dapper;
using Xunit.Abstractions;

namespace Comptoir.EndToEnd.Tests;

/// <summary>
/// kill -9 between commit and delivery: `comptoir serve` takes a write load (clients, uploads, drafts,
/// finalizations) while its one subscriber is down (nothing listens on the callback's port), so events commit and
/// their deliveries wait on their back-off; the server is killed with SIGKILL mid-load, the receiver comes up, and
/// the server starts again on the same data. Every committed event must then arrive, each exactly once, and no
/// other: the events name exactly the clients and invoices the database holds.
/// </summary>
public sealed class WebhookDurabilityTests(ITestOutputHelper output)
{
    private const int Workers = 4;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Events_committed_before_a_kill_9_are_all_delivered_once_after_the_restart(string engine)
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        var port = FreePort();
        await using var server = KillableServer.Create(engine);
        var process = await server.StartAsync("--allow-http-webhooks");
        string secret;
        string iban;
        using (var http = process.NewClient())
        {
            var organization = await http.GetFromJsonAsync<JsonElement>("organization");
            iban = organization.GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("iban").GetString()!;
            var subscription = await ApiAssert.Json(await http.Post("webhook_subscriptions", $$"""
                {"callback_url": "http://127.0.0.1:{{port}}/hook", "types": ["v1/clients", "v1/client-invoices"]}
                """), HttpStatusCode.Created);
            secret = subscription.GetProperty("secret").GetString()!;
        }

        // The load, killed after a random number of requests: the receiver is down all along.
        var ledger = new WriteLedger(seed.ToString("x8", CultureInfo.InvariantCulture)[..6], iban);
        var killAfterRequests = random.Next(40, 120);
        using (var http = process.NewClient())
        {
            http.Timeout = TimeSpan.FromSeconds(30);
            await new WriteLoad(ledger, http).RunUntilKilledAsync(Workers, killAfterRequests, async () =>
            {
                var expired = await server.KillAsync();
                output.WriteLine($"killed after {killAfterRequests} requests; {expired.SendingDeliveries} deliveries were being sent");
            });
        }

        await using var database = Database.Open(server.Database, server.DataDirectory);
        var committed = await CountAsync(database, "SELECT COUNT(*) FROM webhook_events");
        Assert.True(committed > 0, "no event had committed before the kill");
        Assert.Equal(0, await CountAsync(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'"));
        output.WriteLine($"{committed} events committed, none delivered, at the kill");

        await using var receiver = await WebhookReceiver.StartAsync("/hook", port);
        await server.StartAsync("--allow-http-webhooks");
        await WaitUntilSettledAsync(database, receiver);

        var received = receiver.Received;
        var eventIds = received.Select(r => r.EventId).ToList();
        // At least once: an event may arrive twice only when an attempt of it failed on the sender's side (a
        // receiver slower than the timeout on a loaded machine processed it, the sender did not hear back and retried).
        var retried = (await database.ReadAsync(c => c.QueryAsync<string>("SELECT event_id FROM webhook_deliveries WHERE attempts > 1"))).ToHashSet();
        var twice = eventIds.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.All(retried.Contains), $"sent more than once without a failed attempt: {string.Join(", ", twice.Where(id => !retried.Contains(id)))}");
        output.WriteLine($"{twice.Count} events received twice after a failed attempt");
        var stored = (await database.ReadAsync(c => c.QueryAsync<string>("SELECT id FROM webhook_events"))).ToHashSet();
        Assert.True(stored.SetEquals(eventIds), $"{stored.Count} events stored, {eventIds.Count} received");
        Assert.All(received, r => Assert.True(Comptoir.Client.WebhookSignature.Verify(r.Signature, r.Body, secret, DateTimeOffset.UtcNow), "signature"));

        // Exactly the committed writes: every client and invoice the database holds was announced, and nothing else.
        Assert.Equal(await IdsAsync(database, "clients"), ResourceIds(received, "v1/clients"));
        Assert.Equal(await IdsAsync(database, "client_invoices"), ResourceIds(received, "v1/client-invoices"));
        Assert.All(received.Where(r => r.Json.GetProperty("type").GetString() == "v1/clients"),
            r => Assert.Equal("created", r.Json.GetProperty("data").GetProperty("event").GetString()));
        output.WriteLine($"{received.Count} events delivered after the restart: {ResourceIds(received, "v1/clients").Count} clients, {ResourceIds(received, "v1/client-invoices").Count} invoices");
    }

    /// <summary>Waits until every delivery is delivered, the documents are rendered (their events too) and the receiver has them all.</summary>
    private static async Task WaitUntilSettledAsync(Database database, WebhookReceiver receiver)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var undelivered = await CountAsync(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'delivered'");
            var rendering = await CountAsync(database, "SELECT COUNT(*) FROM jobs WHERE kind = 'render_invoice' AND status IN ('queued', 'running')");
            var events = await CountAsync(database, "SELECT COUNT(*) FROM webhook_events");
            var received = receiver.Received.Select(r => r.EventId).Distinct().Count();
            if (undelivered == 0 && rendering == 0 && received >= events)
            {
                // A moment more: anything sent twice would show now.
                await Task.Delay(TimeSpan.FromSeconds(1));
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"after 120 s: {undelivered} deliveries not delivered, {rendering} renders waiting, {received} of {events} events received");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static async Task<SortedSet<string>> IdsAsync(Database database, string table) =>
        new(await database.ReadAsync(c => c.QueryAsync<string>($"SELECT id FROM {table}")), StringComparer.Ordinal);

    private static SortedSet<string> ResourceIds(IEnumerable<ReceivedHook> received, string type) =>
        new(received.Where(r => r.Json.GetProperty("type").GetString() == type).Select(r => r.Json.GetProperty("data").GetProperty("id").GetString()!), StringComparer.Ordinal);

    private static Task<long> CountAsync(Database database, string sql) => database.ReadAsync(c => c.ExecuteScalarAsync<long>(sql));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
