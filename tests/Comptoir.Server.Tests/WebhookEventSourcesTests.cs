using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server.Labels;
using Comptoir.Server.Organizations;
using Comptoir.Server.Tests.Support;
using Comptoir.Server.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>
/// The changes whose events came last: an organization changed by an administrator or given an account, a
/// transaction's labels, note and attachments, a transfer's pending debit with its files. Each event carries the
/// resource as a GET right after the change renders it, and a refused change sends none.
/// </summary>
public sealed class WebhookEventSourcesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_organization_changed_or_given_an_account_is_sent_as_get_renders_it_and_a_balance_change_is_not(string engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await WebhookDeliveryTests.StartAsync(engine);
        await WebhookDeliveryTests.SubscribeAsync(server, receiver.Url, "v1/organizations");
        var organizationId = server.Demo.Organization.Id;

        var renamed = await server.Organizations.UpdateAsync(organizationId, new OrganizationChanges(LegalName: "Boulangerie Renommée SAS", AddressCity: "Lyon"));
        Assert.Equal("Boulangerie Renommée SAS", renamed!.LegalName);
        var first = await EventAsync(receiver, "v1/organizations", 1);
        Assert.Equal("updated", first["event"]!.GetValue<string>());
        Assert.Equal("Boulangerie Renommée SAS", first["legal_name"]!.GetValue<string>());
        AssertRendersAs(await GetAsync(server, "v2/organization", "organization"), first);

        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await server.Organizations.AddAccountAsync(new BankAccountRow { OrganizationId = organizationId, Name = "Épargne", Iban = Payments.SupplierIban, Bic = "AGRIFRPP" });
        var second = await EventAsync(receiver, "v1/organizations", 2);
        Assert.Equal(2, second["bank_accounts"]!.AsArray().Count);
        AssertRendersAs(await GetAsync(server, "v2/organization", "organization"), second);

        // Money moving changes balances, which are v1/accounts events; the organization is not announced for it.
        await server.App.Services.GetRequiredService<IncomingPayments>().CreditAsync(server.Demo.Account.Iban, 1_000, "Acme Corp", null);
        await Task.Delay(500);
        Assert.Equal(2, receiver.Received.Count);
        Assert.Null(await server.Organizations.UpdateAsync(Guid.NewGuid().ToString(), new OrganizationChanges(LegalName: "Nobody")));
        await Assert.ThrowsAsync<ArgumentException>(() => server.Organizations.UpdateAsync(organizationId, new OrganizationChanges(LegalName: " ")));
        await Task.Delay(300);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_transactions_labels_note_and_attachments_are_updated_events_as_get_renders_it(string engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await WebhookDeliveryTests.StartAsync(engine);
        await WebhookDeliveryTests.SubscribeAsync(server, receiver.Url, "v1/transactions");
        var credit = await server.App.Services.GetRequiredService<IncomingPayments>().CreditAsync(server.Demo.Account.Iban, 12_345, "Acme Corp", null);
        var id = credit.Transaction.Id;
        Assert.Equal("created", (await EventAsync(receiver, "v1/transactions", 1))["event"]!.GetValue<string>());

        var label = await server.App.Services.GetRequiredService<LabelStore>().AddAsync(server.Demo.Organization.Id, "Ventes", null);
        server.Clock.Advance(TimeSpan.FromSeconds(5));
        await ApiAssert.Json(await server.Client.Patch($"v2/transactions/{id}", new JsonObject { ["note"] = "Acompte", ["label_ids"] = new JsonArray(label.Id) }), HttpStatusCode.OK);
        var patched = await EventAsync(receiver, "v1/transactions", 2);
        Assert.Equal("updated", patched["event"]!.GetValue<string>());
        Assert.Equal("Acompte", patched["note"]!.GetValue<string>());
        Assert.Equal(label.Id, patched["label_ids"]![0]!.GetValue<string>());
        AssertRendersAs(await GetAsync(server, $"v2/transactions/{id}", "transaction"), patched);

        // A refused change (a label of no one) writes nothing, so it announces nothing.
        await ApiAssert.Error(await server.Client.Patch($"v2/transactions/{id}", new JsonObject { ["label_ids"] = new JsonArray(Guid.NewGuid().ToString()) }), HttpStatusCode.UnprocessableEntity);

        server.Clock.Advance(TimeSpan.FromSeconds(5));
        var attachmentId = await UploadToTransactionAsync(server, id);
        var attached = await EventAsync(receiver, "v1/transactions", 3);
        Assert.Equal(attachmentId, attached["attachment_ids"]![0]!.GetValue<string>());
        AssertRendersAs(await GetAsync(server, $"v2/transactions/{id}", "transaction"), attached);

        server.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"v2/transactions/{id}/attachments/{attachmentId}")).StatusCode);
        var detached = await EventAsync(receiver, "v1/transactions", 4);
        Assert.Empty(detached["attachment_ids"]!.AsArray());
        AssertRendersAs(await GetAsync(server, $"v2/transactions/{id}", "transaction"), detached);

        await Task.Delay(300);
        Assert.Equal(4, receiver.Received.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_transfers_pending_debit_is_announced_with_its_attachments(string engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await WebhookDeliveryTests.StartAsync(engine);
        var attachmentIds = new[] { await UploadAsync(server), await UploadAsync(server) };
        await WebhookDeliveryTests.SubscribeAsync(server, receiver.Url, "v1/transactions");

        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        var body = Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, "30000.01");
        body["transfer"]!["attachment_ids"] = new JsonArray([.. attachmentIds.Select(a => (JsonNode)a)]);
        var transfer = (await ApiAssert.Json(await server.Client.PostTransferAsync(body), HttpStatusCode.Created)).GetProperty("transfer");
        var debitId = transfer.GetProperty("transaction_id").GetString()!;

        var created = await EventAsync(receiver, "v1/transactions", 1);
        Assert.Equal("created", created["event"]!.GetValue<string>());
        Assert.Equal("pending", created["status"]!.GetValue<string>());
        Assert.Equal(attachmentIds.Order(StringComparer.Ordinal), created["attachment_ids"]!.AsArray().Select(a => a!.GetValue<string>()));
        AssertRendersAs(await GetAsync(server, $"v2/transactions/{debitId}", "transaction"), created);
        await Task.Delay(300);
        Assert.Single(receiver.Received);
    }

    /// <summary>The data of the <paramref name="count"/>-th event of the type, once it arrived.</summary>
    private static async Task<JsonObject> EventAsync(WebhookReceiver receiver, string type, int count)
    {
        var received = await receiver.WaitForAsync(r => r.Count(h => h.Json.GetProperty("type").GetString() == type) >= count);
        var hook = received.Where(h => h.Json.GetProperty("type").GetString() == type).ElementAt(count - 1);
        return JsonNode.Parse(hook.Json.GetProperty("data").GetRawText())!.AsObject();
    }

    /// <summary>The event's resource, its "event" aside, is the GET rendering field for field.</summary>
    private static void AssertRendersAs(JsonNode rendering, JsonObject data)
    {
        var resource = data.DeepClone().AsObject();
        resource.Remove("event");
        Assert.True(JsonNode.DeepEquals(rendering, resource), $"event {resource.ToJsonString()}\n   GET {rendering.ToJsonString()}");
    }

    private static async Task<JsonNode> GetAsync(RunningServer server, string path, string name) =>
        JsonNode.Parse((await ApiAssert.Json(await server.Client.GetAsync(path), HttpStatusCode.OK)).GetProperty(name).GetRawText())!;

    private static Task<string> UploadAsync(RunningServer server) => UploadToAsync(server, "v2/attachments", HttpStatusCode.Created);

    // The public API answers an upload onto a transaction with 200.
    private static Task<string> UploadToTransactionAsync(RunningServer server, string transactionId) => UploadToAsync(server, $"v2/transactions/{transactionId}/attachments", HttpStatusCode.OK);

    private static async Task<string> UploadToAsync(RunningServer server, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 devis"u8.ToArray()), "file", "devis.pdf" } } };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        return (await ApiAssert.Json(await server.Client.SendAsync(request), expected)).GetProperty("attachment").GetProperty("id").GetString()!;
    }
}
