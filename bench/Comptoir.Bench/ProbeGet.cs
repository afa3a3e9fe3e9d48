namespace Comptoir.Bench;

/// <summary>
/// The load benchmark's list phase against a server that is already running (any engine, any data): 32 connections
/// walking pages 1-100 of GET /v2/client_invoices?per_page=100. For looking at one phase without a 4-minute setup.
/// </summary>
public static class ProbeGet
{
    public static async Task<int> RunAsync(string baseUrl, string authorization, int seconds)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        var result = await LoadGenerator.RunAsync("GET /v2/client_invoices?per_page=100", 32, TimeSpan.FromSeconds(seconds),
            (c, i) => LoadGenerator.GetAndDiscardAsync(c, $"client_invoices?per_page=100&page={(i % 100) + 1}"), http);
        Console.WriteLine(result);
        return 0;
    }
}
