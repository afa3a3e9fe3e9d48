using System.Diagnostics;
using System.Text.Json;
using Comptoir.EndToEnd.Tests.Support;
using Comptoir.FacturX.Inspection;
using Comptoir.FacturX.Tests.Support;
using Comptoir.Server.Tests.Support;

namespace Comptoir.EndToEnd.Tests;

/// <summary>The `comptoir` workflows (issue, pay, sync) run as processes against `comptoir serve`.</summary>
public sealed class CliWorkflowTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-e2e-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static ExternalTool.Result Comptoir(ComptoirProcess? server, params string[] args)
    {
        var arguments = new List<string> { ComptoirProcess.Executable };
        arguments.AddRange(args);
        if (server is not null)
        {
            arguments.AddRange(["--base-url", server.BaseUrl, "--authorization", server.Authorization]);
        }

        return ExternalTool.Run("dotnet", arguments);
    }

    private static JsonElement JsonOutput(ExternalTool.Result run)
    {
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    [Fact]
    public async Task Issue_an_invoice_then_pay_a_beneficiary()
    {
        await using var server = await ComptoirProcess.StartAsync(Path.Combine(_data, "server"));
        var output = Path.Combine(_data, "out");

        var issued = JsonOutput(Comptoir(server, "invoice", "issue", "--client-email", "contact@acmecorp.com", "--client-name", "Acme Corp",
            "--client-siren", "123456789", "--client-address", "1 Market Street", "--client-city", "Paris", "--client-zip", "75001",
            "--item", "Consulting|10|hour|100.00|20%", "--out", output, "--json"));
        Assert.True(issued.GetProperty("client_created").GetBoolean());
        Assert.Equal("1200.00", issued.GetProperty("total_amount").GetString());
        var report = FacturXInspector.Inspect(await File.ReadAllBytesAsync(issued.GetProperty("file").GetString()!));
        Assert.Equal("factur-x.xml", report.Attachment?.Name);
        Assert.True(report.IsValid, string.Join('\n', report.Findings.Select(f => f.Message)));

        // A second invoice for the same e-mail reuses the client.
        var again = JsonOutput(Comptoir(server, "invoice", "issue", "--client-email", "contact@acmecorp.com", "--item", "Support|1|unit|50|20%", "--out", output, "--json"));
        Assert.False(again.GetProperty("client_created").GetBoolean());
        Assert.Equal(issued.GetProperty("client_id").GetString(), again.GetProperty("client_id").GetString());

        const string SupplierIban = "FR7630006000011234567890189";
        var admin = new[] { "--data", server.DataDirectory };
        Assert.Equal(0, Comptoir(null, ["admin", "beneficiaries", "add", "--organization", "comptoir-demo", "--name", "Fournitures Durand SARL", "--iban", SupplierIban, "--bic", "AGRIFRPP", "--trusted", .. admin]).ExitCode);
        Assert.Equal(0, Comptoir(null, ["admin", "payees", "add", "--iban", SupplierIban, "--name", "FOURNITURES DURAND SARL", .. admin]).ExitCode);
        var journal = Path.Combine(_data, "payments.jsonl");

        var paid = JsonOutput(Comptoir(server, "pay", "--beneficiary", "Fournitures Durand SARL", "--amount", "1100.50", "--reference", "Invoice F-2026-118", "--journal", journal, "--json"));
        Assert.Equal("MATCH_RESULT_MATCH", paid.GetProperty("match_result").GetString());
        Assert.Equal("1100.50", paid.GetProperty("amount").GetString());
        Assert.False(paid.GetProperty("key_reused").GetBoolean());

        // Re-running the same payment reuses the recorded key: the server answers with the same transfer.
        var rerun = JsonOutput(Comptoir(server, "pay", "--beneficiary", SupplierIban, "--amount", "1100.50", "--reference", "Invoice F-2026-118", "--journal", journal, "--json"));
        Assert.True(rerun.GetProperty("key_reused").GetBoolean());
        Assert.Equal(paid.GetProperty("transfer_id").GetString(), rerun.GetProperty("transfer_id").GetString());

        // Bad input: a one-line error and a non-zero exit, never a stack trace.
        var malformed = Comptoir(server, "invoice", "issue", "--client-email", "a@b.fr", "--item", "no pipes here", "--out", output);
        Assert.Equal(2, malformed.ExitCode);
        Assert.DoesNotContain("   at ", malformed.Error, StringComparison.Ordinal);
        var unreachable = ExternalTool.Run("dotnet", [ComptoirProcess.Executable, "pay", "--beneficiary", "x", "--amount", "1", "--reference", "r",
            "--base-url", "http://127.0.0.1:9/v2", "--authorization", "a:b", "--journal", journal]);
        Assert.NotEqual(0, unreachable.ExitCode);
        Assert.DoesNotContain("   at ", unreachable.Error, StringComparison.Ordinal);
        var wrongCredentials = ExternalTool.Run("dotnet", [ComptoirProcess.Executable, "invoice", "issue", "--client-email", "a@b.fr", "--item", "A|1|unit|1|20%", "--out", output,
            "--base-url", server.BaseUrl, "--authorization", "comptoir-demo:wrong"]);
        Assert.NotEqual(0, wrongCredentials.ExitCode);
        Assert.Single(wrongCredentials.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Sync_of_250_invoices_killed_midway_resumes_with_every_invoice_exactly_once()
    {
        await using var server = await ComptoirProcess.StartAsync(Path.Combine(_data, "server"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", server.Authorization);
        var iban = (await ApiAssert.Json(await http.GetAsync("v2/organization"), System.Net.HttpStatusCode.OK))
            .GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("iban").GetString()!;
        var clientId = await Seeds.CreateClientAsync(http);
        var ids = new List<string>();
        for (var i = 0; i < 250; i++)
        {
            ids.Add((await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(clientId, iban, status: "unpaid"))).GetProperty("id").GetString()!);
        }

        await Seeds.WaitForDocumentAsync(http, ids[^1], final: true, TimeSpan.FromMinutes(3));
        string output = string.Empty;
        string[] sync = [];

        // First run: killed (SIGKILL) once some PDFs are on disk. An invoice's record is stored after its PDF, so a
        // run killed before its last PDF left at least one record to write. On two busy cores this test's poll can
        // be held up until the run has finished on its own; that attempt proves nothing, and a fresh one is made.
        var interrupted = false;
        for (var attempt = 1; attempt <= 5 && !interrupted; attempt++)
        {
            output = Path.Combine(_data, $"sync-{attempt}");
            sync = [ComptoirProcess.Executable, "sync", "client-invoices", "--out", output, "--json", "--base-url", server.BaseUrl, "--authorization", server.Authorization];
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in sync)
            {
                start.ArgumentList.Add(argument);
            }

            var files = Path.Combine(output, "files");
            using var first = Process.Start(start)!;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!first.HasExited && DateTime.UtcNow < deadline && (!Directory.Exists(files) || Directory.GetFiles(files).Length < 10))
            {
                await Task.Delay(10);
            }

            var finishedAlone = first.HasExited;
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            interrupted = !finishedAlone && Directory.GetFiles(files).Length < 250;
        }

        Assert.True(interrupted, "every attempt at the sync finished before it could be interrupted");
        Assert.InRange(Directory.GetFiles(Path.Combine(output, "files")).Length, 10, 249);
        var resumed = JsonOutput(ExternalTool.Run("dotnet", sync));
        Assert.Equal(250, resumed.GetProperty("fetched").GetInt32());
        Assert.InRange(resumed.GetProperty("written").GetInt32(), 1, 249);
        var lines = File.ReadAllLines(Path.Combine(output, "client_invoices.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToList();
        Assert.Equal(250, lines.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.Equal(250, Directory.GetFiles(Path.Combine(output, "files"), "*.pdf").Length);

        var nothingNew = JsonOutput(ExternalTool.Run("dotnet", sync));
        Assert.Equal(0, nothingNew.GetProperty("written").GetInt32());
        Assert.Equal(250, File.ReadAllLines(Path.Combine(output, "client_invoices.jsonl")).Length);
    }
}
