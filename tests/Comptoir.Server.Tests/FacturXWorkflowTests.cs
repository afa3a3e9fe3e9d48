using System.Net;
using Comptoir.FacturX.Reading;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>Seed 000 step by step: find or create the client, read the IBAN, draft, finalize, poll, download.</summary>
public class FacturXWorkflowTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_seed_workflow_ends_with_a_factur_x_pdf(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var http = server.Client;
        var clientId = await Seeds.CreateClientAsync(http);
        var organization = await ApiAssert.Json(await http.GetAsync("v2/organization"), HttpStatusCode.OK);
        var iban = organization.GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("iban").GetString()!;

        var draft = await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(clientId, iban));
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, draft.GetProperty("number").ValueKind);
        Assert.Equal(180000, draft.GetProperty("total_amount_cents").GetInt64());
        Assert.Equal("1800.00", draft.GetProperty("total_amount").GetProperty("value").GetString());
        Assert.Equal(30000, draft.GetProperty("vat_amount_cents").GetInt64());
        var id = draft.GetProperty("id").GetString()!;

        var draftDocument = await Seeds.WaitForDocumentAsync(http, id, final: false);
        var draftPdf = await http.GetByteArrayAsync(draftDocument.GetProperty("url").GetString());
        Assert.Null(PdfAttachments.FindInvoiceXml(draftPdf));

        server.Clock.Advance(TimeSpan.FromSeconds(3));
        var finalized = (await ApiAssert.Json(await http.PostAsync($"v2/client_invoices/{id}/finalize", null), HttpStatusCode.OK)).GetProperty("client_invoice");
        Assert.Equal("unpaid", finalized.GetProperty("status").GetString());
        Assert.Equal("F-2026-000001", finalized.GetProperty("number").GetString());
        Assert.NotNull(finalized.GetProperty("finalized_at").GetString());

        var attachment = await Seeds.WaitForDocumentAsync(http, id, final: true);
        Assert.EndsWith(".pdf", attachment.GetProperty("file_name").GetString(), StringComparison.Ordinal);

        // The pre-signed URL needs no Authorization header.
        using var anonymous = new HttpClient();
        var pdf = await anonymous.GetByteArrayAsync(attachment.GetProperty("url").GetString());
        var xml = PdfAttachments.FindInvoiceXml(pdf);
        Assert.NotNull(xml);
        var read = CiiReader.Read(xml.Content);
        Assert.Equal("F-2026-000001", read.Number);
        Assert.Equal(1800.00m, read.Totals.GrandTotal);
        Assert.Equal("842315574", read.Seller.LegalId);
        Assert.Equal(iban, read.Payment?.Iban);

        await ApiAssert.Error(await http.PostAsync($"v2/client_invoices/{id}/finalize", null), HttpStatusCode.Conflict, "invalid_status");

        // invoice_url opens the current PDF without credentials.
        var viaLink = await anonymous.GetByteArrayAsync(finalized.GetProperty("invoice_url").GetString());
        Assert.NotNull(PdfAttachments.FindInvoiceXml(viaLink));
        await ApiAssert.Error(await anonymous.GetAsync(new Uri(server.BaseAddress, "invoices/not-an-id")), HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Payment_state_changes_follow_the_lifecycle(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var http = server.Client;
        var clientId = await Seeds.CreateClientAsync(http);
        var invoice = await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));
        var id = invoice.GetProperty("id").GetString();
        Assert.Equal("unpaid", invoice.GetProperty("status").GetString());
        Assert.Equal("F-2026-000001", invoice.GetProperty("number").GetString());

        await ApiAssert.Error(await http.PostAsync($"v2/client_invoices/{id}/unmark_as_paid", null), HttpStatusCode.Conflict);
        var paid = (await ApiAssert.Json(await http.PostAsync($"v2/client_invoices/{id}/mark_as_paid", null), HttpStatusCode.OK)).GetProperty("client_invoice");
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.NotNull(paid.GetProperty("paid_at").GetString());
        await ApiAssert.Error(await http.PostAsync($"v2/client_invoices/{id}/mark_as_canceled", null), HttpStatusCode.Conflict);
        var unpaid = (await ApiAssert.Json(await http.PostAsync($"v2/client_invoices/{id}/unmark_as_paid", null), HttpStatusCode.OK)).GetProperty("client_invoice");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unpaid.GetProperty("paid_at").ValueKind);
        var canceled = (await ApiAssert.Json(await http.PostAsync($"v2/client_invoices/{id}/mark_as_canceled", null), HttpStatusCode.OK)).GetProperty("client_invoice");
        Assert.Equal("canceled", canceled.GetProperty("status").GetString());

        await ApiAssert.Error(await http.Patch($"v2/client_invoices/{id}", new System.Text.Json.Nodes.JsonObject { ["header"] = "x" }), HttpStatusCode.Conflict);
        await ApiAssert.Error(await http.DeleteAsync($"v2/client_invoices/{id}"), HttpStatusCode.Conflict);
        await ApiAssert.Error(await http.PostAsync("v2/client_invoices/00000000-0000-0000-0000-000000000000/finalize", null), HttpStatusCode.NotFound);
    }
}
