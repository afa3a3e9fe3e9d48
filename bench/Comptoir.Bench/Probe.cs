using System.Text;

namespace Comptoir.Bench;

/// <summary>
/// One phase of the load benchmark against a server that is already running (any engine, any data), 32 connections:
/// `get` walks pages 1-100 of GET /v2/client_invoices?per_page=100; `post` creates five-item drafts for a new client,
/// `post-unpaid` the same invoices finalized at creation.
/// For profiling one phase without the benchmark's 4-minute setup. The server must run with its rate limits lifted
/// (`--requests-per-10s 100000000 --requests-per-10min 100000000`, as `load` and `bench/probe-ab` start it), or the
/// phase measures 429s.
/// </summary>
public static class Probe
{
    public static async Task<int> RunAsync(string phase, string baseUrl, string authorization, string iban, int seconds)
    {
        using var http = LoadBenchmark.Client(baseUrl, authorization);
        var duration = TimeSpan.FromSeconds(seconds);
        LoadGenerator.Result result;
        if (phase == "post")
        {
            var body = Encoding.UTF8.GetBytes(LoadBenchmark.InvoiceJson(await LoadBenchmark.CreateClientAsync(http), iban, 5));
            result = await LoadGenerator.RunAsync("POST /v2/client_invoices (5 items)", 32, duration, (c, _) => LoadBenchmark.CreateInvoiceAsync(c, body), http);
        }
        else if (phase == "post-unpaid")
        {
            // Created finalized: numbered, and its Factur-X XML checked by the EN 16931 validator in the request.
            var json = LoadBenchmark.InvoiceJson(await LoadBenchmark.CreateClientAsync(http), iban, 5).Replace("\"status\": \"draft\"", "\"status\": \"unpaid\"", StringComparison.Ordinal);
            var body = Encoding.UTF8.GetBytes(json);
            result = await LoadGenerator.RunAsync("POST /v2/client_invoices (5 items, unpaid)", 32, duration, (c, _) => LoadBenchmark.CreateInvoiceAsync(c, body), http);
        }
        else
        {
            result = await LoadGenerator.RunAsync("GET /v2/client_invoices?per_page=100", 32, duration, LoadBenchmark.ListPageAsync, http);
        }

        Console.WriteLine(result);
        return 0;
    }
}
