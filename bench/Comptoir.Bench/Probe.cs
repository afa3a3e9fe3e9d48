using System.Net;
using System.Text;

namespace Comptoir.Bench;

/// <summary>
/// One phase of the load benchmark against a server that is already running (any engine, any data), 32 connections:
/// `get` walks pages 1-100 of GET /v2/client_invoices?per_page=100; `post` creates five-item drafts for a new client.
/// For profiling one phase without the benchmark's 4-minute setup.
/// </summary>
public static class Probe
{
    public static async Task<int> RunAsync(string phase, string baseUrl, string authorization, string iban, int seconds)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        LoadGenerator.Result result;
        if (phase == "post")
        {
            var body = Encoding.UTF8.GetBytes(LoadBenchmark.InvoiceJson(await LoadBenchmark.CreateClientAsync(http), iban, 5));
            result = await LoadGenerator.RunAsync("POST /v2/client_invoices (5 items)", 32, TimeSpan.FromSeconds(seconds), async (c, _) =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await c.PostAsync("client_invoices", content);
                return response.StatusCode == HttpStatusCode.Created;
            }, http);
        }
        else
        {
            result = await LoadGenerator.RunAsync("GET /v2/client_invoices?per_page=100", 32, TimeSpan.FromSeconds(seconds),
                (c, i) => LoadGenerator.GetAndDiscardAsync(c, $"client_invoices?per_page=100&page={(i % 100) + 1}"), http);
        }

        Console.WriteLine(result);
        return 0;
    }
}
