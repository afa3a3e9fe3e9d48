using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Comptoir.EndToEnd.Tests.Support;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Tests.Support;
using Comptoir.Server.Tests.Support;

namespace Comptoir.EndToEnd.Tests;

/// <summary>The seeds' own Python and Node examples against `comptoir serve`, unchanged but for URL and credentials.</summary>
public sealed class SeedWorkflowTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-e2e-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task The_python_factur_x_workflow_downloads_a_valid_factur_x_pdf()
    {
        await using var server = await ComptoirProcess.StartAsync(_data);

        var (run, directory) = SeedScript.Run("facturx_workflow.py", server);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Factur-X PDF is ready!", run.Output, StringComparison.Ordinal);
        var pdf = Directory.GetFiles(Path.Combine(directory, "client_invoices"), "*.pdf").Single();
        Assert.Contains("F-", Path.GetFileName(pdf), StringComparison.Ordinal);
        var xml = PdfAttachments.FindInvoiceXml(await File.ReadAllBytesAsync(pdf));
        Assert.NotNull(xml);
        AssertPassesOfficialValidators(xml.Content);
        var check = ExternalTool.Run("python3", [Path.Combine(ConformanceDirectory.Require(), "tools", "fx_pdf_check.py"), pdf]);
        Assert.True(check.ExitCode == 0, check.Output);

        // Running it again finds the client instead of creating it (step 1, option A).
        var (again, _) = SeedScript.Run("facturx_workflow.py", server);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Found existing client", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, await server.StopAsync());
    }

    [Fact]
    public async Task The_node_workflow_polls_through_a_document_delay_on_postgresql()
    {
        var database = PostgresCluster.Instance.CreateDatabase();
        await using var server = await ComptoirProcess.StartAsync(_data, "--database", database, "--document-delay", "3s");

        var (run, directory) = SeedScript.Run("facturx_workflow.mjs", server);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Factur-X PDF is ready!", run.Output, StringComparison.Ordinal);
        var pdf = Directory.GetFiles(Path.Combine(directory, "client_invoices"), "*.pdf").Single();
        Assert.NotNull(PdfAttachments.FindInvoiceXml(await File.ReadAllBytesAsync(pdf)));
    }

    [Theory]
    [InlineData("sync_client_invoices.py", "sqlite")]
    [InlineData("sync_client_invoices.mjs", "postgres")]
    public async Task The_sync_examples_fetch_250_invoices_page_by_page_with_their_pdfs(string script, string engine)
    {
        var extra = engine == "postgres" ? new[] { "--database", PostgresCluster.Instance.CreateDatabase() } : [];
        await using var server = await ComptoirProcess.StartAsync(_data, extra);
        using var http = server.NewClient();
        var started = DateTimeOffset.UtcNow.AddSeconds(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var ids = await CreateInvoicesAsync(http, 250);
        await WaitForDocumentsAsync(http, ids.Count);
        await Task.Delay(1100); // the Python example's window end has whole seconds

        var (run, directory) = SeedScript.Run(script, server, ("COMPTOIR_LAST_SYNC_AT", started));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Fetched 250 invoices", run.Output, StringComparison.Ordinal);
        var files = Directory.GetFiles(Path.Combine(directory, "invoices"), "*.pdf");
        Assert.Equal(250, files.Length);
        Assert.All(files.Take(5), f => Assert.NotNull(PdfAttachments.FindInvoiceXml(File.ReadAllBytes(f))));
    }

    [Fact]
    public async Task A_crash_loses_no_document_job_and_a_restart_finishes_it()
    {
        await using (var first = await ComptoirProcess.StartAsync(_data, "--document-delay", "4s"))
        {
            using var http = first.NewClient();
            await CreateInvoicesAsync(http, 5);
            await first.CrashAsync(); // SIGKILL before the delayed jobs ran
        }

        await using var second = await ComptoirProcess.StartAsync(_data);
        using var client = second.NewClient();
        var documents = await WaitForDocumentsAsync(client, 5);
        Assert.Equal(5, documents);
        Assert.Equal(0, await second.StopAsync());
    }

    [Fact]
    public async Task Sandbox_mode_demands_the_staging_token_it_writes_to_credentials()
    {
        await using var server = await ComptoirProcess.StartAsync(_data, "--sandbox");
        Assert.NotNull(server.StagingToken);

        using var withToken = server.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("organization")).StatusCode);
        using var withoutToken = new HttpClient();
        withoutToken.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", server.Authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withoutToken.GetAsync(server.BaseUrl + "/organization")).StatusCode);
    }

    private static async Task<List<string>> CreateInvoicesAsync(HttpClient http, int count)
    {
        var client = await http.PostAsync("clients", Body("""
            {"name": "Acme Corp", "kind": "company", "email": "contact@acmecorp.com", "currency": "EUR", "locale": "fr", "tax_identification_number": "123456789",
             "billing_address": {"street_address": "1 Market Street", "city": "Paris", "zip_code": "75001", "country_code": "FR"}}
            """));
        var clientId = (await client.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client").GetProperty("id").GetString();
        var organization = await http.GetFromJsonAsync<JsonElement>("organization");
        var iban = organization.GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("iban").GetString();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var response = await http.PostAsync("client_invoices", Body($$"""
                {"client_id": "{{clientId}}", "issue_date": "2026-03-19", "due_date": "2026-04-18", "payment_methods": {"iban": "{{iban}}"},
                 "items": [{"title": "Prestation {{i}}", "quantity": "{{i % 5 + 1}}", "unit": "day", "unit_price": {"value": "{{400 + i}}.50", "currency": "EUR"}, "vat_rate": "0.2"}]}
                """));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_invoice").GetProperty("id").GetString()!);
        }

        return ids;
    }

    private static async Task<int> WaitForDocumentsAsync(HttpClient http, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var withDocument = 0;
            for (var page = 1; ; page++)
            {
                var list = await http.GetFromJsonAsync<JsonElement>($"client_invoices?per_page=100&page={page}");
                withDocument += list.GetProperty("client_invoices").EnumerateArray().Count(i => i.GetProperty("attachment_id").ValueKind == JsonValueKind.String);
                if (list.GetProperty("meta").GetProperty("next_page").ValueKind == JsonValueKind.Null)
                {
                    break;
                }
            }

            if (withDocument >= expected || DateTime.UtcNow > deadline)
            {
                return withDocument;
            }

            await Task.Delay(200);
        }
    }

    private static void AssertPassesOfficialValidators(byte[] xml)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("comptoir-e2e-xml-").FullName, "factur-x.xml");
        File.WriteAllBytes(file, xml);
        var run = ExternalTool.Run("bash", [Path.Combine(ConformanceDirectory.Require(), "tools", "validate_cii.sh"), file, "EN16931", "--fr"]);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
    }

    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
