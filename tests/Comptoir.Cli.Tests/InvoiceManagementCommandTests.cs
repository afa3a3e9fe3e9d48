using System.Text.Json;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Cli.Tests;

public sealed class InvoiceManagementCommandTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("comptoir-invoice-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static CliRun Run(RunningServer server, params string[] args) =>
        CliRun.Invoke(server.Clock, [.. args, "--base-url", new Uri(server.BaseAddress, "v2").ToString(), "--authorization", server.Demo.Authorization]);

    private static JsonElement Json(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.RawText).RootElement.Clone();
    }

    [Fact]
    public async Task A_draft_is_listed_finalized_downloaded_and_marked_paid()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var draft = (await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban))).GetProperty("id").GetString()!;

        var drafts = Run(server, "invoice", "list", "--status", "draft", "--json");
        Assert.Equal(0, drafts.ExitCode);
        var listed = drafts.RawText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(draft, Assert.Single(listed).GetProperty("id").GetString());
        Assert.Empty(Run(server, "invoice", "list", "--status", "paid", "--json").RawText.Trim());

        var finalized = Json(Run(server, "invoice", "finalize", draft, "--json"));
        Assert.Equal("unpaid", finalized.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(finalized.GetProperty("number").GetString()));
        await Seeds.WaitForDocumentAsync(server.Client, draft, final: true);

        var downloaded = Json(Run(server, "invoice", "download", draft, "--out", _out, "--json"));
        var pdf = await File.ReadAllBytesAsync(downloaded.GetProperty("file").GetString()!);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);

        Assert.Equal("paid", Json(Run(server, "invoice", "mark-paid", draft, "--json")).GetProperty("status").GetString());
        var shown = Run(server, "invoice", "show", draft);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("paid", shown.Out, StringComparison.Ordinal);
        Assert.Contains(finalized.GetProperty("number").GetString()!, shown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finalized_invoice_is_credited_in_part_then_in_full()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var invoice = (await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"))).GetProperty("id").GetString()!;

        var partial = Json(Run(server, "invoice", "credit", invoice, "--reason", "2 heures non réalisées", "--item", "0:2", "--json"));
        Assert.Equal("AV-2026-000001", partial.GetProperty("number").GetString());
        Assert.Equal(-36000, partial.GetProperty("total_amount_cents").GetInt64());
        Assert.Equal("deduct", partial.GetProperty("settlement").GetString());

        var overCredit = Run(server, "invoice", "credit", invoice, "--reason", "Trop", "--amount", "0:1200.01");
        Assert.NotEqual(0, overCredit.ExitCode);
        Assert.Contains("/items/0", overCredit.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, Run(server, "invoice", "credit", invoice, "--reason", "x", "--item", "zero:2").ExitCode);

        var rest = Run(server, "invoice", "credit", invoice, "--reason", "Commande annulée");
        Assert.Equal(0, rest.ExitCode);
        Assert.Contains("AV-2026-000002  -1440.00 EUR to deduct", rest.Out, StringComparison.Ordinal);
        Assert.Equal("canceled", Json(Run(server, "invoice", "show", invoice, "--json")).GetProperty("status").GetString());
        Assert.Contains("--reason", Run(server, "invoice", "credit", "--help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_ids_and_bad_statuses_are_one_line_errors()
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        var missing = Run(server, "invoice", "show", "00000000-0000-0000-0000-000000000000");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Single(missing.Error.Trim().Split('\n'));

        var unknownDownload = Run(server, "invoice", "download", "00000000-0000-0000-0000-000000000000", "--out", _out);
        Assert.NotEqual(0, unknownDownload.ExitCode);
        Assert.DoesNotContain("   at ", unknownDownload.Error, StringComparison.Ordinal);

        var badStatus = Run(server, "invoice", "list", "--status", "settled");
        Assert.NotEqual(0, badStatus.ExitCode);
        Assert.Contains("filter[status]", badStatus.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, Run(server, "invoice", "list", "--limit", "0").ExitCode);
    }
}
