using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;
using Dapper;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>v1/supplier-invoices webhook events, delivered to a real receiver: created at upload, updated when analysed and at every status change.</summary>
public sealed class SupplierInvoiceEventTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Upload_analysis_review_and_payment_each_send_one_event_with_the_apis_rendering(string engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await WebhookDeliveryTests.StartAsync(engine);
        var (_, secret) = await WebhookDeliveryTests.SubscribeAsync(server, receiver.Url, "v1/supplier-invoices");

        var (invoiceId, attachmentId) = await SupplierInvoicePaymentTests.ApprovedInvoiceAsync(server, "FA-EV-1");
        var refused = await ApiAssert.Error(await server.Client.PostAsync($"v2/supplier_invoices/{invoiceId}/unmark_as_paid", null), HttpStatusCode.BadRequest, "invalid_transition");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var body = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Durand"), server.Demo.Account.Id, beneficiary.Id, "120.00", "FA-EV-1");
        body["transfer"]!["attachment_ids"] = new JsonArray(attachmentId);
        var transferId = (await ApiAssert.Json(await server.Client.PostTransferAsync(body), HttpStatusCode.Created)).GetProperty("transfer").GetProperty("id").GetString()!;
        await server.SettleAsync(transferId, TimeSpan.FromDays(4));

        // created (to review, not analysed), analysed, submitted, approved, pending with its transfer, paid.
        var received = await receiver.WaitForAsync(r => r.DistinctBy(h => h.EventId).Count() >= 6);
        await Task.Delay(300);
        // At least once: an attempt that reached the receiver but timed out on a busy machine is sent again, and
        // receivers drop it by its event id, as this does.
        received = [.. receiver.Received.DistinctBy(r => r.EventId)];
        var steps = received.Select(r => r.Json.GetProperty("data"))
            .Select(d => (Event: d.GetProperty("event").GetString(), Status: d.GetProperty("status").GetString(), Analysed: d.GetProperty("analyzed_at").ValueKind == System.Text.Json.JsonValueKind.String))
            .OrderBy(s => s.Event == "created" ? 0 : 1).ThenBy(s => s.Analysed).ThenBy(s => Array.IndexOf(["to_review", "to_approve", "awaiting_payment", "pending", "paid"], s.Status))
            .ToList();
        Assert.Equal(
            [("created", "to_review", false), ("updated", "to_review", true), ("updated", "to_approve", true), ("updated", "awaiting_payment", true), ("updated", "pending", true), ("updated", "paid", true)],
            steps);
        Assert.All(received, r =>
        {
            Assert.Equal("v1/supplier-invoices", r.Json.GetProperty("type").GetString());
            Assert.True(Comptoir.Client.WebhookSignature.Verify(r.Signature, r.Body, secret, server.Clock.GetUtcNow(), TimeSpan.FromDays(5)));
        });

        // The last event carries the invoice as GET renders it now, field for field.
        var current = JsonNode.Parse((await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{invoiceId}"), HttpStatusCode.OK)).GetProperty("supplier_invoice").GetRawText())!;
        var paid = received.Select(r => JsonNode.Parse(r.Json.GetProperty("data").GetRawText())!.AsObject()).Single(d => d["status"]!.GetValue<string>() == "paid");
        paid.Remove("event");
        Assert.True(JsonNode.DeepEquals(current, paid), $"{current.ToJsonString()}\n{paid.ToJsonString()}");

        // The refused unmark wrote no event.
        Assert.Equal(6L, await server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_events WHERE type = 'v1/supplier-invoices'")));
        Assert.Contains("unmark_as_paid", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_found_by_a_later_analysis_updates_the_first_invoice_too()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await WebhookDeliveryTests.StartAsync("sqlite");
        await WebhookDeliveryTests.SubscribeAsync(server, receiver.Url, "v1/supplier-invoices");
        var first = (await SupplierInvoiceLifecycleTests.UploadAsync(server, (Ubl("FA-DUP"), "first.xml")))[0];
        await Seeds.WaitForJobsAsync(server.Database);
        await SupplierInvoiceLifecycleTests.UploadAsync(server, (Ubl("FA-DUP"), "second.xml"));
        await Seeds.WaitForJobsAsync(server.Database);

        var received = await receiver.WaitForAsync(r => r.Count >= 5);
        var firstFlagged = received.Select(r => r.Json.GetProperty("data"))
            .Where(d => d.GetProperty("id").GetString() == first && d.GetProperty("has_duplicates").GetBoolean());
        Assert.Single(firstFlagged);
    }
}
