using System.Diagnostics;

namespace Comptoir.Bench;

/// <summary>Closed-loop load: N workers each send the next request as soon as the previous answered, for a duration.</summary>
public static class LoadGenerator
{
    public sealed record Result(string Name, int Concurrency, long Requests, long Errors, double Seconds, double P50, double P99, double Max)
    {
        public double RequestsPerSecond => Requests / Seconds;

        public override string ToString() =>
            $"{Name,-44} {Concurrency,3} conn  {RequestsPerSecond,8:0} req/s  p50 {P50,6:0.0} ms  p99 {P99,6:0.0} ms  max {Max,6:0.0} ms  errors {Errors}";
    }

    public static async Task<Result> RunAsync(string name, int concurrency, TimeSpan duration, Func<HttpClient, int, Task<bool>> request, HttpClient client)
    {
        Console.Error.WriteLine($"phase '{name}' starts {DateTime.UtcNow:HH:mm:ss} UTC (1 s warm-up)");
        // Warm-up: a second of the same load, not counted.
        await Loop(TimeSpan.FromSeconds(1), concurrency, request, client, null, null);
        var latencies = new List<double>[concurrency];
        var errors = new long[1];
        var watch = Stopwatch.StartNew();
        await Loop(duration, concurrency, request, client, latencies, errors);
        var seconds = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        return new Result(name, concurrency, all.Length, errors[0], seconds, Percentile(0.50), Percentile(0.99), all.Length == 0 ? 0 : all[^1]);
    }

    /// <summary>
    /// GET that streams the body into a reused buffer and throws it away: the generator then costs the same for any
    /// response size, instead of buffering each 0.5 MB page into fresh arrays (which made it, not the server, the
    /// busiest process on the two cores). True when the answer is 200 and the body arrived whole.
    /// </summary>
    public static async Task<bool> GetAndDiscardAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            long read = 0;
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                read += n;
            }

            var expected = response.Content.Headers.ContentEncoding.Count == 0 ? response.Content.Headers.ContentLength : null;
            return response.StatusCode == System.Net.HttpStatusCode.OK && read > 0 && (expected is null || expected == read);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Requests slower than this are printed as they happen (COMPTOIR_BENCH_SLOW_MS, 500 by default).
    private static readonly double SlowMilliseconds =
        double.TryParse(Environment.GetEnvironmentVariable("COMPTOIR_BENCH_SLOW_MS"), System.Globalization.CultureInfo.InvariantCulture, out var slow) ? slow : 500;

    private static Task Loop(TimeSpan duration, int concurrency, Func<HttpClient, int, Task<bool>> request, HttpClient client, List<double>[]? latencies, long[]? errors)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = new List<double>(4096);
            if (latencies is not null)
            {
                latencies[worker] = mine;
            }

            var i = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                var startedAt = DateTime.UtcNow;
                var ok = await request(client, (worker * 1_000_000) + i++);
                var took = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                mine.Add(took);
                if (took > SlowMilliseconds && latencies is not null)
                {
                    Console.Error.WriteLine($"slow request: {took:0} ms, started {startedAt:HH:mm:ss.fff} UTC");
                }
                if (!ok && errors is not null)
                {
                    Interlocked.Increment(ref errors[0]);
                }
            }
        }));
    }
}
