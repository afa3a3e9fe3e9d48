using System.Net;
using System.Text.Json;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Cli.Tests;

/// <summary>`comptoir admin supplier-invoices` (the review) and `comptoir pay --supplier-invoice`, against a running server and its database.</summary>
public sealed class SupplierInvoicePayCommandTests : IDisposable
{
    private const string SupplierIban = "FR7630006000011234567890189";
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-si-pay-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Api(RunningServer server) =>
        ["--base-url", new Uri(server.BaseAddress, "v2").ToString(), "--authorization", server.Demo.Authorization, "--journal", Path.Combine(_directory, "payments.jsonl")];

    private static CliRun Admin(RunningServer server, params string[] args) =>
        CliRun.Invoke(server.Clock, ["admin", "supplier-invoices", .. args, "--organization", server.Demo.Organization.Slug, "--database", server.App.Services.GetRequiredService<Comptoir.Server.ServerOptions>().Database!]);

    [Fact]
    public async Task An_invoice_is_reviewed_from_the_command_line_then_paid_with_its_iban_amount_number_and_file()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Fournitures Durand", SupplierIban, null, trusted: true);
        await server.App.Services.GetRequiredService<PayeeDirectory>().AddExternalAsync(SupplierIban, "FOURNITURES DURAND SARL");
        var id = await UploadAsync(server, Ubl("FA-2026-77"), "fa-77.xml");

        var early = CliRun.Invoke(server.Clock, ["pay", "--supplier-invoice", id, .. Api(server)]);
        Assert.Equal(ExitCodes.Failed, early.ExitCode);
        Assert.Contains("it is to_review; only an approved invoice (awaiting_payment) is paid", early.Error, StringComparison.Ordinal);

        Assert.Equal(0, Admin(server, "submit", id).ExitCode);
        var twice = Admin(server, "submit", id);
        Assert.Equal(ExitCodes.Failed, twice.ExitCode);
        Assert.Contains("cannot submit a supplier invoice in status to_approve", twice.Error, StringComparison.Ordinal);
        var approved = Admin(server, "approve", id);
        Assert.True(approved.ExitCode == 0, approved.Error);
        Assert.Contains("is now awaiting_payment", approved.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, CliRun.Invoke(server.Clock, ["pay", "--supplier-invoice", id, "--amount", "5.00", .. Api(server)]).ExitCode);

        var paid = CliRun.Invoke(server.Clock, ["pay", "--supplier-invoice", id, "--json", .. Api(server)]);
        Assert.True(paid.ExitCode == 0, paid.Error);
        using var summary = JsonDocument.Parse(paid.StandardOutput);
        Assert.Equal("MATCH_RESULT_MATCH", summary.RootElement.GetProperty("match_result").GetString());
        Assert.Equal(id, summary.RootElement.GetProperty("supplier_invoice_id").GetString());
        var transferId = summary.RootElement.GetProperty("transfer_id").GetString()!;
        var transfer = (await ApiAssert.Json(await server.Client.GetAsync($"v2/sepa/transfers/{transferId}"), HttpStatusCode.OK)).GetProperty("transfer");
        Assert.Equal("FA-2026-77", transfer.GetProperty("reference").GetString());
        Assert.Equal("120.00", transfer.GetProperty("amount").ToString());
        var invoice = await GetAsync(server, id);
        Assert.Equal([invoice.GetProperty("attachment_id").GetString()], transfer.GetProperty("attachment_ids").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("pending", invoice.GetProperty("status").GetString());
        Assert.Equal([transferId], invoice.GetProperty("transfer_ids").EnumerateArray().Select(t => t.GetString()));

        // Run again: the invoice is already being paid, so nothing is sent.
        var again = CliRun.Invoke(server.Clock, ["pay", "--supplier-invoice", id, .. Api(server)]);
        Assert.Equal(ExitCodes.Failed, again.ExitCode);
        Assert.Contains($"transfer {transferId} is already paying it", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scan_without_iban_is_refused_until_edited_and_its_file_carries_a_large_payment()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Fournitures Durand", SupplierIban, null, trusted: true);
        await server.App.Services.GetRequiredService<PayeeDirectory>().AddExternalAsync(SupplierIban, "FOURNITURES DURAND SARL");
        var id = await UploadAsync(server, PlainPdf("scanned invoice"), "scan.pdf");
        Assert.Equal(0, Admin(server, "submit", id).ExitCode);
        Assert.Equal(0, Admin(server, "approve", id).ExitCode);

        var noIban = CliRun.Invoke(server.Clock, ["pay", "--supplier-invoice", id, .. Api(server)]);
        Assert.Equal(ExitCodes.Failed, noIban.ExitCode);
        Assert.Contains("it has no IBAN to pay", noIban.Error, StringComparison.Ordinal);

        var badIban = Admin(server, "edit", id, "--iban", "FR7630006000011234567890188");
        Assert.Equal(ExitCodes.Usage, badIban.ExitCode);
        Assert.Contains("iban is not a valid IBAN", badIban.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, Admin(server, "edit", id, "--payable-amount", "35000.001").ExitCode);
        Assert.Equal(ExitCodes.Usage, Admin(server, "edit", id).ExitCode);
        var edited = Admin(server, "edit", id, "--iban", "FR76 3000 6000 0112 3456 7890 189", "--payable-amount", "35000.10", "--invoice-number", "SCAN-1", "--supplier-name", "Fournitures Durand");
        Assert.True(edited.ExitCode == 0, edited.Error);
        Assert.Contains("payable 35000.10 EUR, IBAN FR7630006000011234567890189", edited.Out, StringComparison.Ordinal);

        // Above 30,000 EUR a transfer needs a supporting document: the invoice's own file is it.
        var paid = CliRun.Invoke(server.Clock, ["pay", "--supplier-invoice", id, "--json", .. Api(server)]);
        Assert.True(paid.ExitCode == 0, paid.Error);
        Assert.Equal("35000.10", JsonDocument.Parse(paid.StandardOutput).RootElement.GetProperty("amount").GetString());
        Assert.Equal("pending", (await GetAsync(server, id)).GetProperty("status").GetString());

        var discard = Admin(server, "discard", id);
        Assert.Equal(ExitCodes.Failed, discard.ExitCode);
        Assert.Contains("cannot discard a supplier invoice in status pending (only from to_review)", discard.Error, StringComparison.Ordinal);
    }

    private static async Task<string> UploadAsync(RunningServer server, byte[] content, string name)
    {
        var body = await ApiAssert.Json(await PostAsync(server.Client, Item(content, Guid.NewGuid().ToString(), name)), HttpStatusCode.OK);
        await Seeds.WaitForJobsAsync(server.Database);
        return body.GetProperty("supplier_invoices")[0].GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(RunningServer server, string id) =>
        (await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{id}"), HttpStatusCode.OK)).GetProperty("supplier_invoice");
}
