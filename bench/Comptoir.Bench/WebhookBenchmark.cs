using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Comptoir.Server.Storage;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Bench;

/// <summary>
/// Webhooks against `comptoir serve` in its own process and a receiver in this one, both on loopback: how fast a
/// backlog of events is delivered, how long an event takes to arrive when the server is idle, and what three active
/// subscriptions cost POST /v2/client_invoices, measured in alternated rounds with and without them.
/// </summary>
public static class WebhookBenchmark
{
    private const int Connections = 32;
    private const int Rounds = 3;
    private const int BacklogEvents = 10_000;
    private const int LatencySamples = 200;

    public static async Task<int> RunAsync(string engine, int seconds, bool fastPostgres, bool roundsOnly = false)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var data = Directory.CreateTempSubdirectory("comptoir-bench-hooks-").FullName;
        var connection = engine == "postgres" ? LoadBenchmark.NewPostgresDatabase(fastPostgres) : null;
        var (server, http, credentials) = await LoadBenchmark.StartAsync(data, connection, "--allow-http-webhooks");
        using (server)
        using (http)
        {
            try
            {
                await using var receiver = await WebhookReceiver.StartAsync();
                await using var database = Database.Open(connection, data);
                using var parsed = JsonDocument.Parse(credentials);
                var iban = parsed.RootElement.GetProperty("iban").GetString()!;
                using var organization = JsonDocument.Parse(await http.GetByteArrayAsync("organization"));
                var organizationId = organization.RootElement.GetProperty("organization").GetProperty("id").GetString()!;
                Console.WriteLine($"# comptoir serve ({LoadBenchmark.Engine(engine, fastPostgres)}), webhooks to a receiver on loopback, {Environment.ProcessorCount} cores, generator and receiver on the same machine");

                if (!roundsOnly)
                {
                    foreach (var subscriptions in new[] { 1, 3 })
                    {
                        var (events, took) = await BacklogAsync(server, http, database, receiver, organizationId, subscriptions);
                        Console.WriteLine($"backlog of {BacklogEvents:N0} events x {subscriptions} subscription(s): {events:N0} deliveries in {took.TotalSeconds:0.00} s = {events / took.TotalSeconds:0} deliveries/s");
                    }

                    var latencies = await IdleLatencyAsync(http, receiver);
                    Console.WriteLine($"idle, POST /v2/clients sent -> its event received, {latencies.Count} one at a time: p50 {latencies[latencies.Count / 2]:0.0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:0.0} ms, max {latencies[^1]:0.0} ms");
                }

                await AlternatedRoundsAsync(server, http, database, receiver, iban, duration);
                return 0;
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>
    /// Events written straight into the outbox in one transaction (as stores write them), then timed from that commit
    /// until the receiver has every delivery: the dispatcher's rate, with nothing else running.
    /// </summary>
    private static async Task<(long Deliveries, TimeSpan Took)> BacklogAsync(Process server, HttpClient http, Database database, WebhookReceiver receiver, string organizationId, int subscriptions)
    {
        var ids = new List<string>();
        for (var i = 0; i < subscriptions; i++)
        {
            ids.Add(await SubscribeAsync(http, receiver, $"backlog-{i}", WebhookTypes.Clients));
        }

        var before = receiver.Delivered;
        var now = Timestamps.ToText(DateTimeOffset.UtcNow);
        await database.WriteAsync(async (c, t) =>
        {
            for (var i = 0; i < BacklogEvents; i++)
            {
                await WebhookEvents.RecordAsync(c, t, organizationId, WebhookTypes.Clients, WebhookEventNames.Created, $$"""{"id": "backlog-{{subscriptions}}-{{i}}", "name": "Bench client {{i}}"}""", now);
            }

            return 0;
        });
        var watch = Stopwatch.StartNew();
        var expected = (long)BacklogEvents * subscriptions;
        await receiver.WaitForDeliveredAsync(before + expected, TimeSpan.FromMinutes(10));
        var took = watch.Elapsed;
        await WaitForDeliveriesAsync(database, server);
        foreach (var id in ids)
        {
            await UnsubscribeAsync(http, id);
        }

        return (expected, took);
    }

    /// <summary>One client at a time, 50 ms apart: from the POST being sent to its event reaching the receiver.</summary>
    private static async Task<List<double>> IdleLatencyAsync(HttpClient http, WebhookReceiver receiver)
    {
        var subscription = await SubscribeAsync(http, receiver, "latency", WebhookTypes.Clients);
        var latencies = new List<double>();
        for (var i = 0; i < LatencySamples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var clientId = await LoadBenchmark.CreateClientAsync(http);
            var arrived = await receiver.ArrivalAsync(clientId).WaitAsync(TimeSpan.FromSeconds(30));
            latencies.Add(Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds);
            await Task.Delay(50);
        }

        await UnsubscribeAsync(http, subscription);
        latencies.Sort();
        return latencies;
    }

    /// <summary>
    /// POST /v2/client_invoices with no subscription (A), with three subscriptions to v1/client-invoices (B), and with
    /// three whose receiver never answers in time (C: events written, next to nothing delivered), alternated
    /// A B C A B C..., each round after the previous one's documents and deliveries are done.
    /// </summary>
    private static async Task AlternatedRoundsAsync(Process server, HttpClient http, Database database, WebhookReceiver receiver, string iban, TimeSpan duration)
    {
        var clientId = await LoadBenchmark.CreateClientAsync(http);
        var body = Encoding.UTF8.GetBytes(LoadBenchmark.InvoiceJson(clientId, iban, 5));
        await LoadGenerator.RunAsync("warm-up, POST /v2/client_invoices", Connections, TimeSpan.FromSeconds(10), (c, _) => LoadBenchmark.CreateInvoiceAsync(c, body), http);
        var without = new List<LoadGenerator.Result>();
        var with = new List<LoadGenerator.Result>();
        var stalled = new List<LoadGenerator.Result>();
        for (var round = 1; round <= Rounds; round++)
        {
            await LoadBenchmark.WaitForJobsAsync(database, server);
            var a = await LoadGenerator.RunAsync($"round {round} A: no subscription", Connections, duration, (c, _) => LoadBenchmark.CreateInvoiceAsync(c, body), http);
            without.Add(a);
            Console.WriteLine(a);

            await LoadBenchmark.WaitForJobsAsync(database, server);
            var subscriptions = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                subscriptions.Add(await SubscribeAsync(http, receiver, $"round-{round}-{i}", WebhookTypes.ClientInvoices));
            }

            var deliveredBefore = receiver.Delivered;
            var b = await LoadGenerator.RunAsync($"round {round} B: 3 subscriptions", Connections, duration, (c, _) => LoadBenchmark.CreateInvoiceAsync(c, body), http);
            with.Add(b);
            var deliveredDuring = receiver.Delivered - deliveredBefore;
            var backlog = await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT (SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'delivered') + (SELECT COUNT(*) FROM webhook_fanout)"));
            var drain = Stopwatch.StartNew();
            await LoadBenchmark.WaitForJobsAsync(database, server);
            await WaitForDeliveriesAsync(database, server);
            Console.WriteLine($"{b}  deliveries {deliveredDuring:N0} during the round ({deliveredDuring / b.Seconds:0}/s), {backlog:N0} waiting at its end, all done {drain.Elapsed.TotalSeconds:0.0} s later");
            foreach (var subscription in subscriptions)
            {
                await UnsubscribeAsync(http, subscription);
            }

            await LoadBenchmark.WaitForJobsAsync(database, server);
            subscriptions.Clear();
            for (var i = 0; i < 3; i++)
            {
                subscriptions.Add(await SubscribeAsync(http, receiver, $"round-{round}-stalled-{i}", WebhookTypes.ClientInvoices, receiver.StalledUrl));
            }

            var c = await LoadGenerator.RunAsync($"round {round} C: 3 stalled subscriptions", Connections, duration, (client, _) => LoadBenchmark.CreateInvoiceAsync(client, body), http);
            stalled.Add(c);
            Console.WriteLine(c);
            // Deleting the subscriptions drops their deliveries; the documents still render (and record events).
            foreach (var subscription in subscriptions)
            {
                await UnsubscribeAsync(http, subscription);
            }
        }

        var meanWithout = without.Average(r => r.RequestsPerSecond);
        var meanWith = with.Average(r => r.RequestsPerSecond);
        Console.WriteLine($"POST /v2/client_invoices, mean of {Rounds} rounds: without {meanWithout:0} req/s (p99 {string.Join(", ", without.Select(r => r.P99.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} ms), " +
            $"with 3 subscriptions {meanWith:0} req/s (p99 {string.Join(", ", with.Select(r => r.P99.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} ms): {(meanWith / meanWithout - 1) * 100:+0.0;-0.0} %; " +
            $"with 3 stalled subscriptions {stalled.Average(r => r.RequestsPerSecond):0} req/s: {(stalled.Average(r => r.RequestsPerSecond) / meanWithout - 1) * 100:+0.0;-0.0} %");
    }

    private static async Task<string> SubscribeAsync(HttpClient http, WebhookReceiver receiver, string path, string type, string? baseUrl = null)
    {
        using var content = new StringContent($$"""{"callback_url": "{{baseUrl ?? receiver.BaseUrl}}/{{path}}", "types": ["{{type}}"]}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("webhook_subscriptions", content);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"subscribing failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task UnsubscribeAsync(HttpClient http, string id)
    {
        using var response = await http.DeleteAsync($"webhook_subscriptions/{id}");
        response.EnsureSuccessStatusCode();
    }

    private static async Task WaitForDeliveriesAsync(Database database, Process server)
    {
        while (await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT (SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'delivered') + (SELECT COUNT(*) FROM webhook_fanout)")) > 0)
        {
            LoadBenchmark.ThrowIfExited(server);
            await Task.Delay(100);
        }
    }
}
