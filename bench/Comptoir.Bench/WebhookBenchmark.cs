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
    // Even: the forth-and-back order cancels the drift only over pairs of rounds.
    public const int DefaultRounds = 2;
    private const int BacklogEvents = 10_000;
    private const int LatencySamples = 200;

    /// <param name="rounds">Rounds of A, B and C: an even number, or 0 for the backlog and latency phases alone.</param>
    public static async Task<int> RunAsync(string engine, int seconds, bool fastPostgres, bool roundsOnly = false, int rounds = DefaultRounds)
    {
        if (rounds < 0 || rounds % 2 != 0 || (roundsOnly && rounds == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "An even number of rounds (the forth-and-back order cancels the drift over pairs), or 0 without --rounds-only.");
        }

        var duration = TimeSpan.FromSeconds(seconds);
        var data = Directory.CreateTempSubdirectory("comptoir-bench-hooks-").FullName;
        var connection = engine == "postgres" ? LoadBenchmark.NewPostgresDatabase(fastPostgres) : null;
        _postmaster = engine == "postgres" ? BenchPostgresCluster.Get(fastPostgres).PostmasterPid() : null;
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
                        var (events, took, cpu) = await BacklogAsync(server, http, database, receiver, organizationId, subscriptions);
                        Console.WriteLine($"backlog of {BacklogEvents:N0} events x {subscriptions} subscription(s): {events:N0} deliveries in {took.TotalSeconds:0.00} s = {events / took.TotalSeconds:0} deliveries/s; " +
                            $"server CPU per delivery {cpu.Process:0.000} ms (SQLite writer {cpu.Writer:0.000} ms)");
                    }

                    var latencies = await IdleLatencyAsync(http, receiver);
                    Console.WriteLine($"idle, POST /v2/clients sent -> its event received, {latencies.Count} one at a time: p50 {latencies[latencies.Count / 2]:0.0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:0.0} ms, max {latencies[^1]:0.0} ms");
                }

                if (rounds > 0)
                {
                    await AlternatedRoundsAsync(server, http, database, receiver, iban, duration, rounds);
                }

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
    private static async Task<(long Deliveries, TimeSpan Took, CpuPerRequest Cpu)> BacklogAsync(Process server, HttpClient http, Database database, WebhookReceiver receiver, string organizationId, int subscriptions)
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
        var cpuBefore = ServerCpu(server);
        var expected = (long)BacklogEvents * subscriptions;
        await receiver.WaitForDeliveredAsync(before + expected, TimeSpan.FromMinutes(10));
        var took = watch.Elapsed;
        await WaitForDeliveriesAsync(database, server);
        // Until every outcome is recorded: what a delivery costs the server, sending and bookkeeping.
        var cpuAfter = ServerCpu(server);
        foreach (var id in ids)
        {
            await UnsubscribeAsync(http, id);
        }

        return (expected, took, new CpuPerRequest((cpuAfter.Process - cpuBefore.Process) / expected, (cpuAfter.Writer - cpuBefore.Writer) / expected, 0, 0, 0));
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
    /// three whose receiver never answers in time (C: events written, next to nothing delivered), each after the
    /// previous one's documents and deliveries are done. The server slows as its database grows (A alone fell from
    /// 3,008 to 1,843 req/s over one run of A B C A B C A B C), so the order runs forth and back (A B C, C B A, ...):
    /// with an even number of rounds each kind sits at the same mean position, and a steady drift cancels out.
    /// </summary>
    private static async Task AlternatedRoundsAsync(Process server, HttpClient http, Database database, WebhookReceiver receiver, string iban, TimeSpan duration, int rounds)
    {
        var clientId = await LoadBenchmark.CreateClientAsync(http);
        var body = Encoding.UTF8.GetBytes(LoadBenchmark.InvoiceJson(clientId, iban, 5));
        // The warm-up runs with three subscriptions, so that the sending path (dispatcher, signing, HTTP client, the
        // receiver) is compiled before the rounds as the POST path is: with --rounds-only nothing else has run it.
        var warmUp = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            warmUp.Add(await SubscribeAsync(http, receiver, $"warm-up-{i}", WebhookTypes.ClientInvoices));
        }

        await LoadGenerator.RunAsync("warm-up, POST /v2/client_invoices with 3 subscriptions", Connections, TimeSpan.FromSeconds(10), (c, _) => LoadBenchmark.CreateInvoiceAsync(c, body), http);
        await LoadBenchmark.WaitForJobsAsync(database, server);
        await WaitForDeliveriesAsync(database, server);
        foreach (var subscription in warmUp)
        {
            await UnsubscribeAsync(http, subscription);
        }

        var without = new List<LoadGenerator.Result>();
        var with = new List<LoadGenerator.Result>();
        var stalled = new List<LoadGenerator.Result>();
        var cpuWithout = new List<CpuPerRequest>();
        var cpuWith = new List<CpuPerRequest>();
        var cpuStalled = new List<CpuPerRequest>();

        // Every round starts with the documents rendered and the fan-out queue empty. A C round leaves its events
        // queued when its subscriptions go (about 25,000), and the dispatcher drains that queue in batches of 500:
        // without this wait the round after a C round ran during that drain, and read slower than the
        // same kind of round after an A or a B (9-19 %, four-round run of 2026-12-03, docs/benchmarks.md).
        async Task ReadyAsync()
        {
            await LoadBenchmark.WaitForJobsAsync(database, server);
            await WaitForDeliveriesAsync(database, server);
        }

        async Task RoundAAsync(int round)
        {
            await ReadyAsync();
            var (a, cpu) = await MeasuredRoundAsync(server, $"round {round} A: no subscription", http, body, duration);
            without.Add(a);
            cpuWithout.Add(cpu);
            Console.WriteLine($"{a}  {cpu}");
        }

        async Task RoundBAsync(int round)
        {
            await ReadyAsync();
            var subscriptions = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                subscriptions.Add(await SubscribeAsync(http, receiver, $"round-{round}-{i}", WebhookTypes.ClientInvoices));
            }

            var deliveredBefore = receiver.Delivered;
            var (b, cpu) = await MeasuredRoundAsync(server, $"round {round} B: 3 subscriptions", http, body, duration);
            with.Add(b);
            cpuWith.Add(cpu);
            var deliveredDuring = receiver.Delivered - deliveredBefore;
            var backlog = await WaitingAsync(database);
            var drain = Stopwatch.StartNew();
            await LoadBenchmark.WaitForJobsAsync(database, server);
            await WaitForDeliveriesAsync(database, server);
            Console.WriteLine($"{b}  {cpu}  deliveries {deliveredDuring:N0} during the round ({deliveredDuring / b.Seconds:0}/s), {backlog:N0} waiting at its end, all done {drain.Elapsed.TotalSeconds:0.0} s later");
            foreach (var subscription in subscriptions)
            {
                await UnsubscribeAsync(http, subscription);
            }
        }

        async Task RoundCAsync(int round)
        {
            await ReadyAsync();
            var subscriptions = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                subscriptions.Add(await SubscribeAsync(http, receiver, $"round-{round}-stalled-{i}", WebhookTypes.ClientInvoices, receiver.StalledUrl));
            }

            var (c, cpu) = await MeasuredRoundAsync(server, $"round {round} C: 3 stalled subscriptions", http, body, duration);
            stalled.Add(c);
            cpuStalled.Add(cpu);
            Console.WriteLine($"{c}  {cpu}");
            // Deleting the subscriptions drops their deliveries; the documents still render (and record events).
            foreach (var subscription in subscriptions)
            {
                await UnsubscribeAsync(http, subscription);
            }
        }

        for (var round = 1; round <= rounds; round++)
        {
            Func<int, Task>[] order = round % 2 == 1 ? [RoundAAsync, RoundBAsync, RoundCAsync] : [RoundCAsync, RoundBAsync, RoundAAsync];
            foreach (var run in order)
            {
                await run(round);
            }
        }

        var meanWithout = without.Average(r => r.RequestsPerSecond);
        var meanWith = with.Average(r => r.RequestsPerSecond);
        Console.WriteLine($"POST /v2/client_invoices, mean of {rounds} rounds: without {meanWithout:0} req/s (p99 {string.Join(", ", without.Select(r => r.P99.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} ms), " +
            $"with 3 subscriptions {meanWith:0} req/s (p99 {string.Join(", ", with.Select(r => r.P99.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} ms): {(meanWith / meanWithout - 1) * 100:+0.0;-0.0} %; " +
            $"with 3 stalled subscriptions {stalled.Average(r => r.RequestsPerSecond):0} req/s: {(stalled.Average(r => r.RequestsPerSecond) / meanWithout - 1) * 100:+0.0;-0.0} %");
        static string Mean(List<CpuPerRequest> rounds, List<CpuPerRequest> baseline)
        {
            var foreground = rounds.Average(r => r.Foreground);
            var writer = rounds.Average(r => r.Writer);
            var text = $"{foreground:0.000} ms less rendering ({(foreground / baseline.Average(r => r.Foreground) - 1) * 100:+0.0;-0.0} %)";
            var database = rounds.Average(r => r.Database);
            text = database > 0 ? $"{text}, PostgreSQL {database:0.000} ms ({(database / baseline.Average(r => r.Database) - 1) * 100:+0.0;-0.0} %)" : text;
            return writer > 0 ? $"{text}, writer {writer:0.000} ms ({(writer / baseline.Average(r => r.Writer) - 1) * 100:+0.0;-0.0} %)" : text;
        }

        Console.WriteLine($"server CPU per request, mean of the rounds: A {Mean(cpuWithout, cpuWithout)}; B {Mean(cpuWith, cpuWithout)}; C {Mean(cpuStalled, cpuWithout)}");
    }

    /// <summary>
    /// The server's CPU time so far, from /proc (user and system, in clock ticks of 10 ms): the whole process, and
    /// apart its SQLite writer thread and its low-priority rendering thread (whose share of a round depends on what
    /// the CPU leaves it, not on the requests). Per request these are far steadier than req/s.
    /// </summary>
    private static (double Process, double Writer, double Background, double Database, double WriterBytes) ServerCpu(Process server)
    {
        static double Ticks(string stat)
        {
            // Fields 14 and 15, counted after the command name (which may hold spaces) closed by ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) * 10.0;
        }

        double writer = 0, background = 0, writerBytes = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{server.Id}/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var ms = Ticks(File.ReadAllText(Path.Combine(task, "stat")));
                writer += name.StartsWith("comptoir-sqlite", StringComparison.Ordinal) ? ms : 0;
                // What the writer handed to write system calls (WAL, database, any temporary file), from its io.
                writerBytes += name.StartsWith("comptoir-sqlite", StringComparison.Ordinal) ? WrittenBytes(File.ReadAllLines(Path.Combine(task, "io"))) : 0;
                background += name.StartsWith("comptoir-backgr", StringComparison.Ordinal) ? ms : 0;
            }
            catch (IOException)
            {
                // A thread that ended meanwhile.
            }
        }

        return (Ticks(File.ReadAllText($"/proc/{server.Id}/stat")), writer, background, DatabaseCpu(), writerBytes);

        static double WrittenBytes(string[] io) =>
            io.Where(line => line.StartsWith("wchar:", StringComparison.Ordinal)).Select(line => double.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

        // PostgreSQL's own work is in the postmaster's children (backends, WAL writer, checkpointer). A backend that
        // ended takes its time with it; the server's pool keeps its connections for the whole run.
        static double DatabaseCpu()
        {
            if (_postmaster is not { } postmaster)
            {
                return 0;
            }

            double total = 0;
            foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(process, "stat"));
                    var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                    total += parent == postmaster || Path.GetFileName(process) == postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture) ? Ticks(stat) : 0;
                }
                catch (IOException)
                {
                    // A process that ended meanwhile.
                }
            }

            return total;
        }
    }

    private static int? _postmaster;

    private sealed record CpuPerRequest(double Process, double Writer, double Background, double Database, double WriterBytes)
    {
        /// <summary>The request path's own CPU: the process less the rendering thread.</summary>
        public double Foreground => Process - Background;

        // On PostgreSQL there is no writer thread; the database's own CPU is counted apart, from its processes.
        public override string ToString() => $"server CPU/request {Process:0.000} ms (less rendering {Foreground:0.000}{(Writer > 0 ? $", SQLite writer {Writer:0.000}" : string.Empty)}, rendering {Background:0.000}){(Database > 0 ? $", PostgreSQL {Database:0.000} ms" : string.Empty)}{(WriterBytes > 0 ? $", SQLite writer wrote {WriterBytes / 1024:0.0} KB/request" : string.Empty)}";
    }

    private static async Task<(LoadGenerator.Result Result, CpuPerRequest Cpu)> MeasuredRoundAsync(Process server, string name, HttpClient http, byte[] body, TimeSpan duration)
    {
        var before = ServerCpu(server);
        var result = await LoadGenerator.RunAsync(name, Connections, duration, (c, _) => LoadBenchmark.CreateInvoiceAsync(c, body), http);
        var after = ServerCpu(server);
        // The generator's one-second warm-up is inside the CPU reading and outside the count: a small, equal bias.
        double requests = Math.Max(1, result.Requests);
        return (result, new CpuPerRequest((after.Process - before.Process) / requests, (after.Writer - before.Writer) / requests, (after.Background - before.Background) / requests, (after.Database - before.Database) / requests, (after.WriterBytes - before.WriterBytes) / requests));
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

    /// <summary>Deliveries not yet delivered, and events not yet fanned out.</summary>
    private static Task<long> WaitingAsync(Database database) =>
        database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT (SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'delivered') + (SELECT COUNT(*) FROM webhook_fanout)"));

    private static async Task WaitForDeliveriesAsync(Database database, Process server)
    {
        while (await WaitingAsync(database) > 0)
        {
            LoadBenchmark.ThrowIfExited(server);
            await Task.Delay(100);
        }
    }
}
