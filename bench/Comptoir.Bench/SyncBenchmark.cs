using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Comptoir.Server.Storage;

namespace Comptoir.Bench;

/// <summary>
/// `comptoir sync client-invoices` (Release, its own process, a fresh output directory) against `comptoir serve`
/// holding N invoices with their PDFs, for growing N: wall time, throughput and the sync process's peak RSS, which
/// must stay flat as N grows (records stream page by page into the SQLite state; nothing is held per invoice).
/// </summary>
public static class SyncBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<int> counts)
    {
        var data = Directory.CreateTempSubdirectory("comptoir-bench-sync-").FullName;
        var (server, http, credentials) = await LoadBenchmark.StartAsync(data, connection: null);
        try
        {
            using var parsed = JsonDocument.Parse(credentials);
            var authorization = parsed.RootElement.GetProperty("authorization").GetString()!;
            var baseUrl = http.BaseAddress!.ToString().TrimEnd('/');
            await using var database = Database.Open(null, data);
            var body = Encoding.UTF8.GetBytes(LoadBenchmark.InvoiceJson(await LoadBenchmark.CreateClientAsync(http), parsed.RootElement.GetProperty("iban").GetString()!, 3));

            Console.WriteLine($"# comptoir sync client-invoices against comptoir serve (SQLite), {Environment.ProcessorCount} cores, same machine");
            Console.WriteLine("| invoices | PDFs | wall time | invoices/s | peak RSS of the sync | output |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
            var stored = 0;
            foreach (var count in counts.Order())
            {
                await LoadBenchmark.SeedAsync(http, body, count - stored);
                stored = count;
                await LoadBenchmark.WaitForJobsAsync(database);

                var output = Directory.CreateTempSubdirectory("comptoir-bench-sync-out-").FullName;
                var (elapsed, peak, summary) = await RunSyncAsync(baseUrl, authorization, output);
                var pdfs = Directory.GetFiles(Path.Combine(output, "files")).Length;
                var megabytes = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1048576.0;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {count:N0} | {pdfs:N0} | {elapsed.TotalSeconds:0.0} s | {count / elapsed.TotalSeconds:0} | {peak:0} MB | {megabytes:0} MB |"));
                Console.Error.WriteLine($"  summary: {summary}");
                Directory.Delete(output, recursive: true);
            }

            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            http.Dispose();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(TimeSpan Elapsed, double PeakMegabytes, string Summary)> RunSyncAsync(string baseUrl, string authorization, string output)
    {
        var run = await MeasuredProcess.RunDotnetAsync(
            [Path.Combine(AppContext.BaseDirectory, "comptoir.dll"), "sync", "client-invoices", "--out", output, "--json", "--base-url", baseUrl],
            new Dictionary<string, string> { ["COMPTOIR_AUTHORIZATION"] = authorization });
        return (run.Elapsed, run.PeakMegabytes, run.Output);
    }
}
