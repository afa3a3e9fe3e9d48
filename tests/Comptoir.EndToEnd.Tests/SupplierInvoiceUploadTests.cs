using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Comptoir.EndToEnd.Tests.Support;
using Comptoir.Server.Tests.Support;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.EndToEnd.Tests;

/// <summary>
/// Use case 4 with Python requests against `comptoir serve`, and kill -9 while uploaded invoices are being analysed:
/// after the restart every invoice is analysed, exactly once.
/// </summary>
public sealed class SupplierInvoiceUploadTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-e2e-upload-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Python_requests_uploads_twenty_with_three_bad_then_twenty_one_then_the_same_keys_again()
    {
        await using var server = await ComptoirProcess.StartAsync(_data);
        using var http = server.NewClient();
        var form = new MultipartFormDataContent { { new ByteArrayContent(PlainPdf("existing")), "file", "existing.pdf" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "attachments") { Content = form };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        var attachment = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        var (run, _) = SeedScript.Run(Path.Combine("..", "Scripts", "upload_supplier_invoices.py"), server,
            ("COMPTOIR_ATTACHMENT_ID", attachment.GetProperty("attachment").GetProperty("id").GetString()!), ("COMPTOIR_RUN_ID", Guid.NewGuid().ToString("N")));

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(200, l.GetProperty("status").GetInt32()));
        Assert.Equal(17, lines[0].GetProperty("created").GetArrayLength());
        Assert.Equal(
            ["invalid /supplier_invoices/3/file", "invalid /supplier_invoices/7/attachment_id", "required /supplier_invoices/12/idempotency_key"],
            lines[0].GetProperty("errors").EnumerateArray().Select(e => $"{e[0].GetString()} {e[1].GetString()}"));
        Assert.Equal(20, lines[1].GetProperty("created").GetArrayLength());
        Assert.Equal(["limit_reached /supplier_invoices/20"], lines[1].GetProperty("errors").EnumerateArray().Select(e => $"{e[0].GetString()} {e[1].GetString()}"));
        Assert.Equal(Ids(lines[0]), Ids(lines[2]));
        var listed = await http.GetFromJsonAsync<JsonElement>("supplier_invoices?per_page=1");
        Assert.Equal(37, listed.GetProperty("meta").GetProperty("total_count").GetInt32());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task After_kill_9_during_analysis_every_uploaded_invoice_is_analysed_exactly_once(string engine)
    {
        const int Invoices = 100;
        await using var server = KillableServer.Create(engine);
        var process = await server.StartAsync();
        using (var http = process.NewClient())
        {
            for (var batch = 0; batch < Invoices / 20; batch++)
            {
                using var form = Form(Enumerable.Range(batch * 20, 20).SelectMany(n => Item(Ubl($"CRASH-{n:D3}", net: 100m + n), $"crash-{n}", $"crash-{n:D3}.xml")));
                var response = await http.PostAsync("supplier_invoices/bulk", form);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        await server.KillAsync();
        var unfinished = AnalysisJobs(server).Count(j => j.GetProperty("status").GetString() != "done");
        Assert.True(unfinished > 0, "every analysis had finished before the kill: the run did not test a crash during analysis");

        process = await server.StartAsync();
        var analysed = await WaitForAnalysisAsync(process, Invoices);
        var jobs = AnalysisJobs(server);
        Assert.Equal(Invoices, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("done", j.GetProperty("status").GetString()));
        Assert.Equal(Invoices, jobs.Select(j => j.GetProperty("subject_id").GetString()).Distinct().Count());

        // A second restart finds nothing to do: no invoice is analysed again.
        await process.StopAsync();
        await process.DisposeAsync();
        process = await server.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(analysed, await AnalysedAtAsync(process));
        Assert.Equal(Invoices, AnalysisJobs(server).Count);
    }

    private static List<JsonElement> AnalysisJobs(KillableServer server) =>
        [.. server.ListJobs().Where(j => j.GetProperty("kind").GetString() == "analyze_supplier_invoice")];

    private static async Task<Dictionary<string, string?>> WaitForAnalysisAsync(ComptoirProcess process, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var analysed = await AnalysedAtAsync(process);
            if ((analysed.Count == count && analysed.Values.All(v => v is not null)) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, analysed.Count);
                Assert.All(analysed, a => Assert.NotNull(a.Value));
                return analysed;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<Dictionary<string, string?>> AnalysedAtAsync(ComptoirProcess process)
    {
        using var http = process.NewClient();
        var result = new Dictionary<string, string?>();
        for (var page = 1; ; page++)
        {
            var body = await http.GetFromJsonAsync<JsonElement>($"supplier_invoices?per_page=100&page={page}&sort_by=created_at:asc");
            foreach (var invoice in body.GetProperty("supplier_invoices").EnumerateArray())
            {
                result[invoice.GetProperty("id").GetString()!] = invoice.GetProperty("analyzed_at").GetString();
            }

            if (page >= body.GetProperty("meta").GetProperty("total_pages").GetInt32())
            {
                return result;
            }
        }
    }

    private static List<string?> Ids(JsonElement line) => [.. line.GetProperty("created").EnumerateArray().Select(i => i.GetString())];
}
