using BenchmarkDotNet.Running;
using Comptoir.Bench;

// dotnet run -c Release --project bench/Comptoir.Bench -- --filter '*'        (micro benchmarks, BenchmarkDotNet)
// dotnet run -c Release --project bench/Comptoir.Bench -- load [sqlite|postgres] [SECONDS] [--no-fsync]          (invoices over HTTP)
// dotnet run -c Release --project bench/Comptoir.Bench -- load-payments [sqlite|postgres] [SECONDS] [--no-fsync] (transfers, transactions)
//   postgres runs on a throwaway cluster with production's durable settings (fsync, synchronous_commit and
//   full_page_writes on); --no-fsync turns the three off, as the tests' cluster does (BenchPostgresCluster).
// dotnet run -c Release --project bench/Comptoir.Bench -- webhooks [sqlite|postgres] [SECONDS] [--no-fsync] [--rounds-only] [--rounds N] (deliveries, latency, POST with 3 subscriptions A/B; N even, 2 by default, 0 for the backlog and latency alone)
// dotnet run -c Release --project bench/Comptoir.Bench -- sync [N ...]                     (comptoir sync of N invoices)
// dotnet run -c Release --project bench/Comptoir.Bench -- lock-wait                        (SQLite lock waits)
// dotnet run -c Release --project bench/Comptoir.Bench -- validate [N] [MAXLINES]          (native EN 16931 validator vs Saxon)
// dotnet run -c Release --project bench/Comptoir.Bench -- probe get|post CREDENTIALS_JSON [SECONDS] (one phase, running server)
// dotnet run -c Release --project bench/Comptoir.Bench -- text-fields FILE.pdf...            (text lines and fields found)
// dotnet run -c Release --project bench/Comptoir.Bench -- supplier-analysis [SECONDS]        (supplier invoices analysed per core)
// dotnet run -c Release --project bench/Comptoir.Bench -- supplier-bulk [sqlite|postgres] [SECONDS] [--no-fsync] (20 x 200 KB PDFs per bulk upload)
// dotnet run -c Release --project bench/Comptoir.Bench -- supplier-sync [N ...]            (comptoir sync supplier-invoices of N invoices, memory)
// dotnet run --project bench/Comptoir.Bench -- corpus-pdfpig SPEC OUT | corpus-image-pdf IMAGE PDF (tests/corpus/make-supplier-invoices.py)
var fastPostgres = args.Contains("--no-fsync");
args = [.. args.Where(a => a != "--no-fsync")];
if (args.Length >= 3 && args[0] == "probe")
{
    using var credentials = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(args[2]));
    string Field(string name) => credentials.RootElement.GetProperty(name).GetString()!;
    return await Probe.RunAsync(args[1], Field("base_url") + "/", Field("authorization"), Field("iban"), args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5);
}

if (args.Length > 0 && args[0] == "validate")
{
    return ValidatorBenchmark.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
}

if (args.Length > 0 && args[0] == "supplier-analysis")
{
    return await SupplierAnalysisBenchmark.RunAsync(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
}

if (args.Length > 0 && args[0] == "supplier-bulk")
{
    return await SupplierBulkUploadBenchmark.RunAsync(args.Length > 1 ? args[1] : "sqlite", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10, fastPostgres);
}

if (args.Length > 0 && args[0] == "supplier-sync")
{
    var counts = args.Length > 1 ? args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList() : [1_000, 5_000, 10_000, 20_000];
    return await SupplierSyncBenchmark.RunAsync(counts);
}

if (args.Length == 3 && args[0] == "supplier-sync-child")
{
    return await SupplierSyncChild.RunAsync(args[1], args[2]);
}

if (args.Length == 3 && args[0] == "corpus-pdfpig")
{
    return CorpusPdfPigWriter.WriteTextPdfs(args[1], args[2]);
}

if (args.Length == 3 && args[0] == "corpus-image-pdf")
{
    return CorpusPdfPigWriter.WriteImagePdf(args[1], args[2]);
}

if (args.Length > 1 && args[0] == "text-fields")
{
    return await TextFieldsProbe.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "lock-wait")
{
    return await LockWaitBenchmark.RunAsync();
}

if (args.Length > 0 && args[0] == "sync")
{
    var counts = args.Length > 1 ? args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList() : [5_000, 20_000, 50_000];
    return await SyncBenchmark.RunAsync(counts);
}

if (args.Length > 0 && args[0] == "load-payments")
{
    return await PaymentsLoadBenchmark.RunAsync(args.Length > 1 ? args[1] : "sqlite", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10, fastPostgres);
}

if (args.Length > 0 && args[0] == "webhooks")
{
    return await WebhookBenchmark.RunAsync(args.Length > 1 ? args[1] : "sqlite", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10, fastPostgres, roundsOnly: args.Contains("--rounds-only"),
        rounds: Array.IndexOf(args, "--rounds") is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : WebhookBenchmark.DefaultRounds);
}

if (args.Length > 0 && args[0] == "load")
{
    return await LoadBenchmark.RunAsync(args.Length > 1 ? args[1] : "sqlite", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10, fastPostgres);
}

BenchmarkSwitcher.FromAssembly(typeof(FacturXBenchmarks).Assembly).Run(args);
return 0;
