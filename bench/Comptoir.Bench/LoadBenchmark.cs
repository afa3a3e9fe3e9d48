using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Comptoir.Server.Storage;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Comptoir.Bench;

/// <summary>
/// HTTP load against `comptoir serve` (Release, its own process) with 10,000 invoices stored, and against a bare
/// Kestrel endpoint that returns the same bytes, on the same machine. Prints the figures docs/benchmarks.md reports.
/// </summary>
public static class LoadBenchmark
{
    private const int Connections = 32;

    public static async Task<int> RunAsync(string engine, int seconds, bool fastPostgres)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var data = Directory.CreateTempSubdirectory("comptoir-bench-").FullName;
        var connection = engine == "postgres" ? NewPostgresDatabase(fastPostgres) : null;
        var port = FreePort();
        using var server = StartServer(data, connection, port);
        try
        {
            var baseUrl = $"http://127.0.0.1:{port}/v2/";
            await WaitForFileAsync(Path.Combine(data, "credentials.json"));
            using var credentials = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(data, "credentials.json")));
            using var http = Client(baseUrl, credentials.RootElement.GetProperty("authorization").GetString()!);
            await using var database = Database.Open(connection, data);

            var clientId = await CreateClientAsync(http);
            var iban = credentials.RootElement.GetProperty("iban").GetString()!;
            var invoiceBody = Encoding.UTF8.GetBytes(InvoiceJson(clientId, iban, 5));

            Console.WriteLine($"# comptoir serve ({Engine(engine, fastPostgres)}), {Environment.ProcessorCount} cores, load generator on the same machine");
            var seed = Stopwatch.StartNew();
            await SeedAsync(http, invoiceBody, 10_000);
            Console.WriteLine($"seeded 10,000 invoices in {seed.Elapsed.TotalSeconds:0.0} s; waiting for their draft PDFs...");
            await WaitForJobsAsync(database);
            Console.WriteLine($"all draft PDFs rendered after {seed.Elapsed.TotalSeconds:0.0} s");

            var getSample = await http.GetByteArrayAsync("client_invoices?per_page=100");
            var postSample = await (await http.PostAsync("client_invoices", Json(invoiceBody))).Content.ReadAsByteArrayAsync();
            await WaitForJobsAsync(database);

            var results = new List<LoadGenerator.Result>
            {
                await LoadGenerator.RunAsync("POST /v2/client_invoices (5 items)", Connections, duration, (c, _) => CreateInvoiceAsync(c, invoiceBody), http),
            };
            await WaitForJobsAsync(database);
            results.Add(await LoadGenerator.RunAsync("GET /v2/client_invoices?per_page=100", Connections, duration, ListPageAsync, http));
            // The same pages as the seeds' clients read them: Python requests and Node fetch send Accept-Encoding: gzip.
            using var gzipHttp = Client(baseUrl, credentials.RootElement.GetProperty("authorization").GetString()!, gzip: true);
            results.Add(await LoadGenerator.RunAsync("GET ...?per_page=100, Accept-Encoding gzip", Connections, duration, ListPageAsync, gzipHttp));
            var gzipSample = await RawGzipAsync(baseUrl, credentials.RootElement.GetProperty("authorization").GetString()!);
            var peakMemory = PeakMemoryMegabytes(server);

            var finalize = await FinalizeLatencyAsync(http, invoiceBody, database);

            // The same bytes from a bare Kestrel endpoint: the ceiling of this machine and this load generator.
            var barePort = FreePort();
            await using var bare = await BareKestrelAsync(barePort, getSample, postSample, gzipSample);
            using var bareHttp = Client($"http://127.0.0.1:{barePort}/", "none");
            using var bareGzipHttp = Client($"http://127.0.0.1:{barePort}/", "none", gzip: true);
            var barePost = await LoadGenerator.RunAsync("bare Kestrel, same POST response bytes", Connections, duration, async (c, _) =>
            {
                using var response = await c.PostAsync("post", Json(invoiceBody));
                return response.IsSuccessStatusCode;
            }, bareHttp);
            var bareGet = await LoadGenerator.RunAsync("bare Kestrel, same GET response bytes", Connections, duration, (c, _) => LoadGenerator.GetAndDiscardAsync(c, "get"), bareHttp);

            var bareGzip = await LoadGenerator.RunAsync("bare Kestrel, same gzipped GET bytes", Connections, duration, (c, _) => LoadGenerator.GetAndDiscardAsync(c, "get-gzip"), bareGzipHttp);

            foreach (var result in results)
            {
                Console.WriteLine(result);
            }

            Console.WriteLine(barePost);
            Console.WriteLine(bareGet);
            Console.WriteLine(bareGzip);
            Console.WriteLine($"ratio POST comptoir/bare: {results[0].RequestsPerSecond / barePost.RequestsPerSecond:0.00}; GET comptoir/bare: {results[1].RequestsPerSecond / bareGet.RequestsPerSecond:0.00}; GET gzip comptoir/bare: {results[2].RequestsPerSecond / bareGzip.RequestsPerSecond:0.00}");
            Console.WriteLine($"GET per_page=100 response: {getSample.Length / 1024.0:0} KB ({gzipSample.Length / 1024.0:0} KB gzipped); POST response: {postSample.Length / 1024.0:0.0} KB");
            Console.WriteLine($"finalize -> downloadable Factur-X (idle, {finalize.Count} invoices): p50 {finalize[finalize.Count / 2]:0} ms, p99 {finalize[(int)(finalize.Count * 0.99)]:0} ms, max {finalize[^1]:0} ms");
            Console.WriteLine($"server peak memory (VmHWM) during the load: {peakMemory:0} MB; now {MemoryBreakdown(server)}");
            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(data, recursive: true); // about 1 GB of database per run
        }
    }

    /// <summary>
    /// A new database in the benchmark's throwaway cluster (durable unless <paramref name="fast"/>, see
    /// <see cref="BenchPostgresCluster"/>); COMPTOIR_BENCH_DATABASE_OPTIONS adds settings to its connection string, for
    /// A/B runs (e.g. "Maximum Pool Size=40").
    /// </summary>
    internal static string NewPostgresDatabase(bool fast) =>
        BenchPostgresCluster.Get(fast).CreateDatabase() + (Environment.GetEnvironmentVariable("COMPTOIR_BENCH_DATABASE_OPTIONS") is { Length: > 0 } options ? ";" + options : string.Empty);

    /// <summary>The engine as the figures' header names it: for PostgreSQL, with the settings that decide durability.</summary>
    internal static string Engine(string engine, bool fastPostgres) =>
        engine == "postgres" ? $"postgres, {BenchPostgresCluster.Get(fastPostgres).DurabilitySettings()}" : engine;

    /// <summary>Starts comptoir serve on a free port with limits lifted; returns it with an authenticated client.</summary>
    internal static async Task<(Process Server, HttpClient Client, string Credentials)> StartAsync(string data, string? connection, params string[] extra)
    {
        var port = FreePort();
        var server = StartServer(data, connection, port, extra);
        await WaitForFileAsync(Path.Combine(data, "credentials.json"));
        await Task.Delay(500);
        var credentials = await File.ReadAllTextAsync(Path.Combine(data, "credentials.json"));
        using var parsed = JsonDocument.Parse(credentials);
        return (server, Client($"http://127.0.0.1:{port}/v2/", parsed.RootElement.GetProperty("authorization").GetString()!), credentials);
    }

    internal static async Task SeedAsync(HttpClient http, byte[] body, int count)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                using var response = await http.PostAsync("client_invoices", Json(body));
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"seed failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
    }

    private static async Task<List<double>> FinalizeLatencyAsync(HttpClient http, byte[] body, Database database)
    {
        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            using var created = await http.PostAsync("client_invoices", Json(body));
            using var json = JsonDocument.Parse(await created.Content.ReadAsByteArrayAsync());
            ids.Add(json.RootElement.GetProperty("client_invoice").GetProperty("id").GetString()!);
        }

        await WaitForJobsAsync(database);
        var latencies = new List<double>();
        foreach (var id in ids)
        {
            var watch = Stopwatch.StartNew();
            using var finalized = await http.PostAsync($"client_invoices/{id}/finalize", null);
            using var invoice = JsonDocument.Parse(await finalized.Content.ReadAsByteArrayAsync());
            var finalizedAt = invoice.RootElement.GetProperty("client_invoice").GetProperty("finalized_at").GetString()!;
            while (true)
            {
                using var current = JsonDocument.Parse(await http.GetByteArrayAsync($"client_invoices/{id}"));
                var attachmentId = current.RootElement.GetProperty("client_invoice").GetProperty("attachment_id").GetString();
                using var attachment = JsonDocument.Parse(await http.GetByteArrayAsync($"attachments/{attachmentId}"));
                if (string.CompareOrdinal(attachment.RootElement.GetProperty("attachment").GetProperty("updated_at").GetString(), finalizedAt) > 0)
                {
                    var bytes = await http.GetByteArrayAsync(attachment.RootElement.GetProperty("attachment").GetProperty("url").GetString());
                    if (bytes.Length > 0)
                    {
                        break;
                    }
                }

                await Task.Delay(2);
            }

            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        return latencies;
    }

    /// <param name="server">When given, its exit ends the wait with an error: no other process would finish the jobs.</param>
    internal static async Task WaitForJobsAsync(Database database, Process? server = null)
    {
        while (await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')")) > 0)
        {
            ThrowIfExited(server);
            await Task.Delay(200);
        }
    }

    /// <summary>Fails a wait on work only the server under test does, once that server has exited.</summary>
    internal static void ThrowIfExited(Process? server)
    {
        if (server is { HasExited: true })
        {
            throw new InvalidOperationException($"comptoir serve exited (code {server.ExitCode}) while the benchmark waited on its work.");
        }
    }

    private static Process StartServer(string data, string? database, int port, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        var arguments = new List<string> { Path.Combine(AppContext.BaseDirectory, "comptoir.dll"), "serve", "--data", data, "--urls", $"http://127.0.0.1:{port}", "--requests-per-10s", "100000000", "--requests-per-10min", "100000000" };
        if (database is not null)
        {
            arguments.AddRange(["--database", database]);
        }

        arguments.AddRange(extra);

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("server: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<byte[]> RawGzipAsync(string baseUrl, string authorization)
    {
        using var http = Client(baseUrl, authorization);
        using var request = new HttpRequestMessage(HttpMethod.Get, "client_invoices?per_page=100");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<WebApplication> BareKestrelAsync(int port, byte[] get, byte[] post, byte[] gzip)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/get", () => Results.Bytes(get, "application/json"));
        app.MapGet("/get-gzip", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = gzip.Length;
            await context.Response.Body.WriteAsync(gzip);
        });
        app.MapPost("/post", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(post);
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Resident memory by kind (anonymous: heaps and stacks; file: mapped code and data files).</summary>
    internal static string MemoryBreakdown(Process process) =>
        string.Join(", ", File.ReadAllLines($"/proc/{process.Id}/status")
            .Where(l => l.StartsWith("RssAnon:", StringComparison.Ordinal) || l.StartsWith("RssFile:", StringComparison.Ordinal) || l.StartsWith("Threads:", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))));

    internal static double PeakMemoryMegabytes(Process process)
    {
        var line = File.ReadAllLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    internal static async Task<string> CreateClientAsync(HttpClient http)
    {
        using var response = await http.PostAsync("clients", Json(Encoding.UTF8.GetBytes("""
            {"name": "Acme Corp", "kind": "company", "email": "contact@acmecorp.com", "currency": "EUR", "locale": "fr", "tax_identification_number": "123456789",
             "billing_address": {"street_address": "1 Market Street", "city": "Paris", "zip_code": "75001", "country_code": "FR"}}
            """)));
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return json.RootElement.GetProperty("client").GetProperty("id").GetString()!;
    }

    internal static string InvoiceJson(string clientId, string iban, int items) =>
        $$"""{"client_id": "{{clientId}}", "issue_date": "2026-03-19", "due_date": "2026-04-18", "status": "draft", "payment_methods": {"iban": "{{iban}}"}, "items": [{{string.Join(",", Enumerable.Range(1, items).Select(i => $$"""{"title": "Prestation {{i}}", "quantity": "{{i}}", "unit": "hour", "unit_price": {"value": "{{100 + i}}.50", "currency": "EUR"}, "vat_rate": "0.2"}"""))}}]}""";

    /// <summary>The POST phase's request: one invoice created from <paramref name="body"/>.</summary>
    internal static async Task<bool> CreateInvoiceAsync(HttpClient client, byte[] body)
    {
        using var response = await client.PostAsync("client_invoices", Json(body));
        return response.StatusCode == HttpStatusCode.Created;
    }

    /// <summary>The GET phases' request: connection requests walk pages 1 to 100 of 100 invoices.</summary>
    internal static Task<bool> ListPageAsync(HttpClient client, int request) =>
        LoadGenerator.GetAndDiscardAsync(client, $"client_invoices?per_page=100&page={(request % 100) + 1}");

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    internal static HttpClient Client(string baseUrl, string authorization, bool gzip = false)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = gzip ? DecompressionMethods.GZip : DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return client;
    }

    private static async Task WaitForFileAsync(string path)
    {
        for (var i = 0; i < 600 && !File.Exists(path); i++)
        {
            await Task.Delay(100);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
