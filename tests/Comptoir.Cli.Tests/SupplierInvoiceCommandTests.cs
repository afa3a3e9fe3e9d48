using System.Text;
using System.Text.Json;
using Comptoir.Server.Tests.Support;
using Dapper;

namespace Comptoir.Cli.Tests;

/// <summary>comptoir supplier-invoices upload|list|show|mark-paid|reject and sync supplier-invoices, against a running server.</summary>
public sealed class SupplierInvoiceCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("comptoir-supplier-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string[] Connection(RunningServer server) => ["--base-url", new Uri(server.BaseAddress, "v2").ToString(), "--authorization", server.Demo.Authorization];

    private string File(string name, string text)
    {
        var path = Path.Combine(_work, name);
        System.IO.File.WriteAllBytes(path, Encoding.ASCII.GetBytes(text));
        return path;
    }

    private static List<JsonElement> JsonLines(CliRun run) =>
        Encoding.UTF8.GetString(run.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task Upload_reports_each_file_fails_on_a_refusal_and_a_rerun_creates_nothing_new()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var journal = Path.Combine(_work, "journal.jsonl");
        string[] files = [File("a.pdf", "%PDF-1.4 a"), File("b.pdf", "%PDF-1.4 b"), File("notes.txt", "not an invoice"), File("a-copy.pdf", "%PDF-1.4 a")];

        var first = CliRun.Invoke(server.Clock, ["supplier-invoices", "upload", .. files, "--journal", journal, "--json", .. Connection(server)]);

        Assert.Equal(1, first.ExitCode);
        var lines = JsonLines(first);
        Assert.Equal(4, lines.Count);
        Assert.Equal("to_review", lines[0].GetProperty("status").GetString());
        Assert.Contains("invalid", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(lines[0].GetProperty("id").GetString(), lines[3].GetProperty("id").GetString());
        Assert.Equal(2L, await CountAsync(server));

        var again = CliRun.Invoke(server.Clock, ["supplier-invoices", "upload", files[0], files[1], "--journal", journal, "--json", .. Connection(server)]);

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(lines.Take(2).Select(l => l.GetProperty("id").GetString()), JsonLines(again).Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(2L, await CountAsync(server));
    }

    [Fact]
    public async Task Sync_writes_each_invoice_once_with_its_file_and_picks_up_a_payment()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        string[] files = [.. Enumerable.Range(0, 25).Select(i => File($"bill-{i}.pdf", $"%PDF-1.4 bill {i}"))];
        Assert.Equal(0, CliRun.Invoke(server.Clock, ["supplier-invoices", "upload", .. files, "--journal", Path.Combine(_work, "j.jsonl"), .. Connection(server)]).ExitCode);
        await Seeds.WaitForJobsAsync(server.Database);
        var output = Path.Combine(_work, "out");
        CliRun Sync() => CliRun.Invoke(server.Clock, ["sync", "supplier-invoices", "--out", output, "--json", .. Connection(server)]);

        var first = JsonDocument.Parse(Sync().StandardOutput).RootElement;
        Assert.Equal(25, first.GetProperty("written").GetInt32());
        Assert.Equal(25, first.GetProperty("attachments").GetInt32());
        Assert.Equal(25, Directory.GetFiles(Path.Combine(output, "files")).Length);
        Assert.Equal(0, JsonDocument.Parse(Sync().StandardOutput).RootElement.GetProperty("written").GetInt32());

        server.Clock.Advance(TimeSpan.FromSeconds(2));
        var id = JsonDocument.Parse(System.IO.File.ReadAllLines(Path.Combine(output, "supplier_invoices.jsonl"))[0]).RootElement.GetProperty("id").GetString()!;
        var paid = CliRun.Invoke(server.Clock, ["supplier-invoices", "mark-paid", id, "--date", "2026-03-18", "--json", .. Connection(server)]);
        Assert.True(paid.ExitCode == 0, paid.Error);
        Assert.Equal("paid", JsonLines(paid)[0].GetProperty("status").GetString());

        Assert.Equal(1, JsonDocument.Parse(Sync().StandardOutput).RootElement.GetProperty("written").GetInt32());
        var lines = System.IO.File.ReadAllLines(Path.Combine(output, "supplier_invoices.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(25, lines.Count);
        Assert.Equal("2026-03-18", lines.Single(l => l.GetProperty("id").GetString() == id).GetProperty("payment_date").GetString());

        var rejected = CliRun.Invoke(server.Clock, ["supplier-invoices", "reject", id, .. Connection(server)]);
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("invalid_transition", rejected.Error, StringComparison.Ordinal);
        var listed = CliRun.Invoke(server.Clock, ["supplier-invoices", "list", "--status", "paid", "--json", .. Connection(server)]);
        Assert.Equal([id], JsonLines(listed).Select(l => l.GetProperty("id").GetString()));
    }

    private static Task<long> CountAsync(RunningServer server) =>
        server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM supplier_invoices"));
}
