using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Comptoir.EndToEnd.Tests.Support;
using Comptoir.Server.Tests.Support;

namespace Comptoir.EndToEnd.Tests;

/// <summary>Use case 3 (sync supplier invoices) of the seed, in Python and Node, against `comptoir serve`.</summary>
public sealed class SupplierInvoiceSeedTests : IDisposable
{
    private const int Invoices = 130;

    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-e2e-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Theory]
    [InlineData("sync_supplier_invoices.py", "sqlite")]
    [InlineData("sync_supplier_invoices.mjs", "postgres")]
    public async Task The_seeds_sync_sees_every_supplier_invoice_once_with_its_file(string script, string engine)
    {
        var extra = engine == "postgres" ? new[] { "--database", PostgresCluster.Instance.CreateDatabase() } : [];
        await using var server = await ComptoirProcess.StartAsync(_data, extra);
        using var http = server.NewClient();
        var started = DateTimeOffset.UtcNow.AddSeconds(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        for (var batch = 0; batch * 20 < Invoices; batch++)
        {
            await UploadBatchAsync(http, Enumerable.Range(batch * 20, Math.Min(20, Invoices - (batch * 20))));
        }

        await WaitForAnalysisAsync(http);
        await Task.Delay(1100); // the Python example's window end has whole seconds

        var (run, directory) = SeedScript.Run(script, server, ("COMPTOIR_LAST_SYNC_AT", started));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Fetched {Invoices} supplier invoices", run.Output, StringComparison.Ordinal);
        var files = Directory.GetFiles(Path.Combine(directory, "supplier_invoices"));
        Assert.Equal(Invoices, files.Length);
        Assert.Equal(Invoices, run.Output.Split('\n').Count(l => l.StartsWith("Downloaded: ", StringComparison.Ordinal)));
        Assert.StartsWith("%PDF-", await File.ReadAllTextAsync(files[0]), StringComparison.Ordinal);
    }

    private static async Task UploadBatchAsync(HttpClient http, IEnumerable<int> numbers)
    {
        using var form = new MultipartFormDataContent();
        foreach (var n in numbers)
        {
            var file = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n% supplier invoice {n}\n%%EOF\n"));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, $"supplier_invoices[{n}][file]", $"supplier-invoice-{n:D4}.pdf");
            form.Add(new StringContent($"seed-{n}"), $"supplier_invoices[{n}][idempotency_key]");
        }

        var response = await http.PostAsync("supplier_invoices/bulk", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
    }

    /// <summary>Analysis moves updated_at: the window starts after it, so every invoice is seen once.</summary>
    private static async Task WaitForAnalysisAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var waiting = 0;
            for (var page = 1; page <= (Invoices / 100) + 1; page++)
            {
                var list = await http.GetFromJsonAsync<JsonElement>($"supplier_invoices?per_page=100&page={page}");
                waiting += list.GetProperty("supplier_invoices").EnumerateArray().Count(i => i.GetProperty("analyzed_at").ValueKind == JsonValueKind.Null);
            }

            if (waiting == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{waiting} supplier invoices still not analysed");
            await Task.Delay(200);
        }
    }
}
