using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Bench;

/// <summary>
/// `supplier-bulk [sqlite|postgres] [SECONDS] [--no-fsync]`: POST /v2/supplier_invoices/bulk with 20 PDFs of
/// 200 KB each (a text layer and a binary stream, each with its own invoice number and idempotency key) against
/// `comptoir serve` (Release, its own process), closed loop on a few connections: requests/s, invoices/s, p50/p99.
/// The analysis jobs the uploads enqueue run meanwhile on the server's low-priority thread, as in production; after
/// the load the time they take to drain is reported too.
/// </summary>
public static class SupplierBulkUploadBenchmark
{
    private const int FilesPerRequest = 20;
    private const int FileBytes = 200 * 1024;
    private const int Connections = 4;

    public static async Task<int> RunAsync(string engine, int seconds, bool fastPostgres)
    {
        var data = Directory.CreateTempSubdirectory("comptoir-bench-supplier-bulk-").FullName;
        var connection = engine == "postgres" ? LoadBenchmark.NewPostgresDatabase(fastPostgres) : null;
        var (server, http, _) = await LoadBenchmark.StartAsync(data, connection);
        try
        {
            await using var database = Database.Open(connection, data);
            var run = Guid.NewGuid().ToString("N")[..8];
            var sent = 0;
            var sample = BenchInvoicePdf.Create($"FA-{run}-sample", FileBytes);
            Console.WriteLine($"# POST /v2/supplier_invoices/bulk, {FilesPerRequest} PDFs of {sample.Length / 1024.0:0.0} KB per request, comptoir serve ({LoadBenchmark.Engine(engine, fastPostgres)}), {Environment.ProcessorCount} cores, load generator on the same machine");

            // Every request (warm-up included) sends new files under new keys: none is answered from a stored key.
            var result = await LoadGenerator.RunAsync("POST /v2/supplier_invoices/bulk (20 x 200 KB)", Connections, TimeSpan.FromSeconds(seconds),
                (client, _) => UploadAsync(client, run, Interlocked.Increment(ref sent)), http);
            var peakMemory = LoadBenchmark.PeakMemoryMegabytes(server);

            var drain = Stopwatch.StartNew();
            var pending = await CountAsync(database, "SELECT COUNT(*) FROM jobs WHERE kind = 'analyze_supplier_invoice' AND status IN ('queued', 'running')");
            await LoadBenchmark.WaitForJobsAsync(database);
            drain.Stop();
            var stored = await CountAsync(database, "SELECT COUNT(*) FROM supplier_invoices");
            var analysed = await CountAsync(database, "SELECT COUNT(*) FROM supplier_invoices WHERE analyzed_at IS NOT NULL AND invoice_number IS NOT NULL");

            Console.WriteLine(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"invoices stored per second: {result.RequestsPerSecond * FilesPerRequest:0}; MB uploaded per second: {result.RequestsPerSecond * FilesPerRequest * sample.Length / 1048576.0:0.0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"after the load: {stored:N0} invoices stored, {pending:N0} analyses still queued, drained in {drain.Elapsed.TotalSeconds:0.0} s; {analysed:N0} read their invoice number from the text layer"));
            Console.WriteLine($"server peak memory (VmHWM) during the load: {peakMemory:0} MB");
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

    /// <summary>One bulk request of 20 new files (indexed spelling); true when all 20 were created.</summary>
    private static async Task<bool> UploadAsync(HttpClient client, string run, int request)
    {
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < FilesPerRequest; i++)
        {
            var number = $"FA-{run}-{request}-{i}";
            var file = new ByteArrayContent(BenchInvoicePdf.Create(number, FileBytes));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, $"supplier_invoices[{i}][file]", $"{number}.pdf");
            form.Add(new StringContent(number), $"supplier_invoices[{i}][idempotency_key]");
        }

        using var response = await client.PostAsync("supplier_invoices/bulk", form);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("supplier_invoices").GetArrayLength() == FilesPerRequest && body.RootElement.GetProperty("errors").GetArrayLength() == 0;
    }

    private static Task<long> CountAsync(Database database, string sql) => database.ReadAsync(c => c.ExecuteScalarAsync<long>(sql));
}
