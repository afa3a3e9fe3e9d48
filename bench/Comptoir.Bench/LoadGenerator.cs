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
                if (took > 500 && latencies is not null)
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
