using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.SupplierInvoices;
using Comptoir.Server.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>
/// Paying a supplier invoice: a transfer whose attachment_ids carry the invoice's file is linked to it and moves it to
/// pending or scheduled, its settlement to paid in the settlement's transaction, its cancellation or decline back to
/// awaiting_payment.
/// </summary>
public sealed class SupplierInvoicePaymentTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_transfer_with_the_invoices_file_makes_it_pending_and_its_settlement_pays_it(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var (invoiceId, attachmentId) = await ApprovedInvoiceAsync(server, "FA-100");
        var other = (await SupplierInvoiceLifecycleTests.UploadAsync(server, (PlainPdf("unrelated"), "unrelated.pdf")))[0];

        var transfer = await PayAsync(server, attachmentId, "120.00");
        var transferId = transfer.GetProperty("id").GetString()!;

        var pending = await GetAsync(server, invoiceId);
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal([transferId], pending.GetProperty("transfer_ids").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("2026-03-19", pending.GetProperty("scheduled_date").GetString());
        Assert.False(pending.GetProperty("available_actions").GetProperty("mark_as_paid").GetBoolean());
        Assert.False(pending.GetProperty("available_actions").GetProperty("pay").GetBoolean());
        Assert.Equal("to_review", (await GetAsync(server, other)).GetProperty("status").GetString());

        var settled = await server.SettleAsync(transferId, TimeSpan.FromDays(4));
        Assert.Equal("settled", settled.GetProperty("status").GetString());
        var paid = await GetAsync(server, invoiceId);
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal("2026-03-23", paid.GetProperty("payment_date").GetString());
        // Written by the settlement, in its transaction: the same instant as the transfer's own change.
        Assert.Equal(settled.GetProperty("updated_at").GetString(), paid.GetProperty("updated_at").GetString());
        Assert.True(paid.GetProperty("available_actions").GetProperty("archive").GetBoolean());

        // Unmarking a payment made by transfer puts it back where a new transfer can be made.
        var unmarked = await ApiAssert.Json(await server.Client.PostAsync($"v2/supplier_invoices/{invoiceId}/unmark_as_paid", null), HttpStatusCode.OK);
        Assert.Equal("awaiting_payment", unmarked.GetProperty("supplier_invoice").GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_scheduled_transfer_schedules_it_and_canceling_the_transfer_brings_it_back(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var (invoiceId, attachmentId) = await ApprovedInvoiceAsync(server, "FA-200");

        var transfer = await PayAsync(server, attachmentId, "120.00", scheduledDate: "2026-03-25");
        var transferId = transfer.GetProperty("id").GetString()!;
        var scheduled = await GetAsync(server, invoiceId);
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal("2026-03-25", scheduled.GetProperty("scheduled_date").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.PostAsync($"v2/sepa/transfers/{transferId}/cancel", null)).StatusCode);

        var back = await GetAsync(server, invoiceId);
        Assert.Equal("awaiting_payment", back.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, back.GetProperty("scheduled_date").ValueKind);
        Assert.Equal([transferId], back.GetProperty("transfer_ids").EnumerateArray().Select(t => t.GetString()));
        Assert.True(back.GetProperty("available_actions").GetProperty("pay").GetBoolean());
    }

    [Fact]
    public async Task A_declined_transfer_brings_it_back_unless_another_of_its_transfers_is_pending()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var (invoiceId, attachmentId) = await ApprovedInvoiceAsync(server, "FA-300");
        var first = (await PayAsync(server, attachmentId, "60.00")).GetProperty("id").GetString()!;
        var second = (await PayAsync(server, attachmentId, "60.00", reference: "FA-300 rest")).GetProperty("id").GetString()!;
        Assert.Equal([first, second], (await GetAsync(server, invoiceId)).GetProperty("transfer_ids").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.PostAsync($"v2/sepa/transfers/{first}/cancel", null)).StatusCode);
        Assert.Equal("pending", (await GetAsync(server, invoiceId)).GetProperty("status").GetString());

        // The paying account is closed before settlement: the bank declines the transfer.
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync("UPDATE bank_accounts SET status = 'closed' WHERE id = @id", new { id = server.Demo.Account.Id }, t));
        Assert.Equal("declined", (await server.SettleAsync(second, TimeSpan.FromDays(4))).GetProperty("status").GetString());
        Assert.Equal("awaiting_payment", (await GetAsync(server, invoiceId)).GetProperty("status").GetString());
    }

    /// <summary>An analysed UBL invoice of 120.00 EUR, submitted and approved: its id and its file's attachment id.</summary>
    internal static async Task<(string Id, string AttachmentId)> ApprovedInvoiceAsync(RunningServer server, string number)
    {
        var id = (await SupplierInvoiceLifecycleTests.UploadAsync(server, (Ubl(number), $"{number}.xml")))[0];
        await Seeds.WaitForJobsAsync(server.Database);
        var store = server.App.Services.GetRequiredService<SupplierInvoiceStore>();
        await store.MoveAsync(server.Demo.Organization.Id, id, SupplierInvoiceTransitions.Submit);
        var approved = await store.MoveAsync(server.Demo.Organization.Id, id, SupplierInvoiceTransitions.Approve);
        return (id, approved.AttachmentId);
    }

    private static async Task<JsonElement> PayAsync(RunningServer server, string attachmentId, string amount, string? scheduledDate = null, string reference = "FA")
    {
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, $"Durand {Guid.NewGuid():N}", Payments.SupplierIban, null, trusted: true);
        var body = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, beneficiary.Name), server.Demo.Account.Id, beneficiary.Id, amount, reference);
        body["transfer"]!["attachment_ids"] = new JsonArray(attachmentId);
        if (scheduledDate is not null)
        {
            body["transfer"]!["scheduled_date"] = scheduledDate;
        }

        return (await ApiAssert.Json(await server.Client.PostTransferAsync(body), HttpStatusCode.Created)).GetProperty("transfer");
    }

    private static async Task<JsonElement> GetAsync(RunningServer server, string id) =>
        (await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{id}"), HttpStatusCode.OK)).GetProperty("supplier_invoice");
}
