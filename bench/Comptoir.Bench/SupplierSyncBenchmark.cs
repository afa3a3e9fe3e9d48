using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Comptoir.Server.Attachments;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Bench;

/// <summary>
/// `supplier-sync [N ...]`: `comptoir sync supplier-invoices --out DIR` (a fresh directory each time, so every
/// invoice and its file is fetched) against `comptoir serve` (SQLite) holding N analysed supplier invoices with a
/// 2 KB PDF each, for growing N. The invoices are seeded straight into the database (rows and attachments, no
/// analysis jobs) to keep the seeding quick. The sync runs in its own process, the CLI's code in-process with a
/// sampler (<see cref="SupplierSyncChild"/>): its peak RSS, working set and GC heap must stay flat as N grows.
/// </summary>
public static class SupplierSyncBenchmark
{
    private const int SeedBatch = 1_000;

    public static async Task<int> RunAsync(IReadOnlyList<int> counts)
    {
        var data = Directory.CreateTempSubdirectory("comptoir-bench-supplier-sync-").FullName;
        var (server, http, credentials) = await LoadBenchmark.StartAsync(data, connection: null);
        try
        {
            using var parsed = JsonDocument.Parse(credentials);
            var authorization = parsed.RootElement.GetProperty("authorization").GetString()!;
            var baseUrl = http.BaseAddress!.ToString().TrimEnd('/');
            await using var database = Database.Open(null, data);
            var organizationId = await database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT id FROM organizations ORDER BY created_at LIMIT 1"));

            Console.WriteLine($"# comptoir sync supplier-invoices against comptoir serve (SQLite), {Environment.ProcessorCount} cores, same machine");
            Console.WriteLine("| invoices | files | wall time | invoices/s | peak RSS (VmHWM) | peak working set | peak GC heap (allocated) | largest heap after a GC | gen2 GCs |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var stored = 0;
            foreach (var count in counts.Order())
            {
                var seed = Stopwatch.StartNew();
                await SeedAsync(database, organizationId!, stored, count);
                Console.Error.WriteLine($"seeded {count - stored:N0} invoices in {seed.Elapsed.TotalSeconds:0.0} s");
                stored = count;

                var output = Directory.CreateTempSubdirectory("comptoir-bench-supplier-sync-out-").FullName;
                var (elapsed, rss, peaks, summary) = await RunSyncAsync(baseUrl, authorization, output);
                var files = Directory.GetFiles(Path.Combine(output, "files")).Length;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {count:N0} | {files:N0} | {elapsed.TotalSeconds:0.0} s | {count / elapsed.TotalSeconds:0} | {rss:0} MB | {peaks.WorkingSetMegabytes:0} MB | {peaks.HeapMegabytes:0.0} MB | {peaks.HeapAfterGcMegabytes:0.0} MB | {peaks.Gen2Collections} |"));
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

    /// <summary>Invoices <paramref name="from"/> to <paramref name="to"/> (exclusive), analysed, each with its own file, updated a few ms apart.</summary>
    private static async Task SeedAsync(Database database, string organizationId, int from, int to)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        for (var batch = from; batch < to; batch += SeedBatch)
        {
            var first = batch;
            var last = Math.Min(to, batch + SeedBatch);
            await database.WriteAsync(async (c, t) =>
            {
                for (var i = first; i < last; i++)
                {
                    var number = $"FA-SYNC-{i:D6}";
                    var at = Timestamps.ToText(start.AddMilliseconds(i * 3));
                    var attachment = await AttachmentStore.InsertAsync(c, t, organizationId, $"{number}.pdf", "application/pdf", BenchInvoicePdf.Create(number, 2048), at);
                    await c.ExecuteAsync(InsertSql, new
                    {
                        id = Guid.CreateVersion7().ToString(), organizationId, key = number, attachmentId = attachment.Id, fileName = attachment.FileName,
                        fileNameSearch = attachment.FileName.ToLowerInvariant(), number, numberSearch = number.ToLowerInvariant(), at, isEinvoice = false, isCreditNote = false, hasDuplicates = false, skip = false,
                    }, t);
                }

                return 0;
            });
        }
    }

    private const string InsertSql =
        "INSERT INTO supplier_invoices (id, organization_id, idempotency_key, attachment_id, file_name, file_name_search, status, source, source_type, meta, invoice_number, invoice_number_search, " +
        "supplier_name, supplier_name_search, vat_number, currency, total_amount_cents, total_amount_excluding_taxes_cents, total_tax_amount_cents, payable_amount_cents, taxes, issue_date, due_date, iban, " +
        "is_einvoice, is_credit_note, has_duplicates, analyzed_at, created_at, updated_at, transfer_ids, matched_transactions, skip_attachment_matcher) VALUES (" +
        "@id, @organizationId, @key, @attachmentId, @fileName, @fileNameSearch, 'to_review', 'supplier_invoices', 'file', '{}', @number, @numberSearch, " +
        "'Fournitures Durand SARL', 'fournitures durand sarl', 'FR32123456789', 'EUR', 120000, 100000, 20000, 120000, '[{\"rate\":\"20\",\"cents\":20000}]', '2026-03-01', '2026-04-30', 'FR7630006000011234567890189', " +
        "@isEinvoice, @isCreditNote, @hasDuplicates, @at, @at, @at, '[]', '[]', @skip)";

    private static async Task<(TimeSpan Elapsed, double RssMegabytes, SupplierSyncChild.Peaks Peaks, string Summary)> RunSyncAsync(string baseUrl, string authorization, string output)
    {
        var run = await MeasuredProcess.RunDotnetAsync(
            [Path.Combine(AppContext.BaseDirectory, "Comptoir.Bench.dll"), "supplier-sync-child", output, baseUrl],
            new Dictionary<string, string> { ["COMPTOIR_AUTHORIZATION"] = authorization });
        var peaks = SupplierSyncChild.Peaks.Parse(run.Errors.Split('\n').Last(l => l.StartsWith(SupplierSyncChild.Peaks.Marker, StringComparison.Ordinal)));
        return (run.Elapsed, run.PeakMegabytes, peaks, run.Output);
    }
}
