using System.Net;
using System.Text.Json;
using Comptoir.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Comptoir.Cli.Tests;

public sealed class SyncCommandTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("comptoir-sync-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private CliRun Sync(RunningServer server, string kind, params string[] extra) =>
        CliRun.Invoke(server.Clock, ["sync", kind, "--out", _out, "--json", "--base-url", new Uri(server.BaseAddress, "v2").ToString(), "--authorization", server.Demo.Authorization, .. extra]);

    private static JsonElement Summary(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.StandardOutput).RootElement.Clone();
    }

    [Fact]
    public async Task Client_invoices_sync_writes_each_invoice_once_resumes_and_picks_up_updates()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"))).GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            await Seeds.WaitForDocumentAsync(server.Client, id, final: true);
        }

        var first = Summary(Sync(server, "client-invoices"));
        Assert.Equal(30, first.GetProperty("written").GetInt32());
        Assert.Equal(30, first.GetProperty("attachments").GetInt32());
        Assert.Equal(30, File.ReadAllLines(Path.Combine(_out, "client_invoices.jsonl")).Length);
        Assert.Equal(30, Directory.GetFiles(Path.Combine(_out, "files"), "*.pdf").Length);

        // Nothing new: nothing written.
        Assert.Equal(0, Summary(Sync(server, "client-invoices")).GetProperty("written").GetInt32());

        // A crash after records were stored but before the checkpoint moved: the re-run skips them, no duplicates.
        using (var state = new SqliteConnection($"Data Source={Path.Combine(_out, ".comptoir-sync.db")};Pooling=False"))
        {
            state.Open();
            using var command = state.CreateCommand();
            command.CommandText = "DELETE FROM checkpoints";
            command.ExecuteNonQuery();
        }

        var resumed = Summary(Sync(server, "client-invoices"));
        Assert.Equal(30, resumed.GetProperty("fetched").GetInt32());
        Assert.Equal(0, resumed.GetProperty("written").GetInt32());
        Assert.Equal(30, File.ReadAllLines(Path.Combine(_out, "client_invoices.jsonl")).Length);

        // An invoice paid later shows up in the next window, replacing its line.
        server.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"v2/client_invoices/{ids[3]}/mark_as_paid", null)).StatusCode);
        var update = Summary(Sync(server, "client-invoices"));
        Assert.Equal(1, update.GetProperty("written").GetInt32());
        var lines = File.ReadAllLines(Path.Combine(_out, "client_invoices.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(30, lines.Count);
        Assert.Equal("paid", lines.Single(l => l.GetProperty("id").GetString() == ids[3]).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Transactions_sync_covers_every_account_and_downloads_attachments()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var summary = Summary(Sync(server, "transactions", "--since", "2026-01-01T00:00:00Z"));

        Assert.Equal(1, summary.GetProperty("written").GetInt32()); // the opening balance
        var line = JsonDocument.Parse(File.ReadAllLines(Path.Combine(_out, "transactions.jsonl")).Single()).RootElement;
        Assert.Equal("credit", line.GetProperty("side").GetString());
        Assert.Equal(25_000_000, line.GetProperty("amount_cents").GetInt64());
    }

    [Fact]
    public void Bad_options_are_usage_errors()
    {
        var run = CliRun.Invoke("sync", "client-invoices", "--out", _out, "--since", "last tuesday", "--authorization", "x:y");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--since", run.Error, StringComparison.Ordinal);
    }
}
