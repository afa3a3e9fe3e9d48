using System.Globalization;
using Comptoir.Cli;

namespace Comptoir.Bench;

/// <summary>
/// `supplier-sync-child OUT BASE_URL` (started by <see cref="SupplierSyncBenchmark"/>, COMPTOIR_AUTHORIZATION in the
/// environment): runs `comptoir sync supplier-invoices --out OUT --json` through the CLI's own code in this process,
/// sampling the working set and the GC heap every 10 ms, and prints the peaks on stderr as its last line.
/// </summary>
public static class SupplierSyncChild
{
    public sealed record Peaks(double WorkingSetMegabytes, double HeapMegabytes, double HeapAfterGcMegabytes, int Gen2Collections)
    {
        public const string Marker = "PEAKS ";

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Marker}{WorkingSetMegabytes} {HeapMegabytes} {HeapAfterGcMegabytes} {Gen2Collections}");

        public static Peaks Parse(string line)
        {
            var parts = line[Marker.Length..].Split(' ');
            double D(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
            return new Peaks(D(0), D(1), D(2), int.Parse(parts[3], CultureInfo.InvariantCulture));
        }
    }

    public static async Task<int> RunAsync(string output, string baseUrl)
    {
        const double megabyte = 1024 * 1024;
        double workingSet = 0, heap = 0, heapAfterGc = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                workingSet = Math.Max(workingSet, Environment.WorkingSet / megabyte);
                heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false) / megabyte);
                heapAfterGc = Math.Max(heapAfterGc, GC.GetGCMemoryInfo().HeapSizeBytes / megabyte);
                await Task.Delay(10).ConfigureAwait(false);
            }
        });

        var exit = await CliApplication.RunAsync(["sync", "supplier-invoices", "--out", output, "--json", "--base-url", baseUrl], CliConsole.System);
        await stop.CancelAsync();
        await sampler;
        await Console.Error.WriteLineAsync(new Peaks(workingSet, heap, heapAfterGc, GC.CollectionCount(2)).ToString());
        return exit;
    }
}
