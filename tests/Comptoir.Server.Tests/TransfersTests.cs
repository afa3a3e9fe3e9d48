using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

public class TransfersTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_seed_sepa_workflow_pays_a_trusted_beneficiary(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var supplier = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Fournitures Durand SARL", Payments.SupplierIban, "BNPAFRPP", trusted: true);
        await server.App.Services.GetRequiredService<Comptoir.Server.Payees.PayeeDirectory>().AddExternalAsync(Payments.SupplierIban, "FOURNITURES DURAND");

        // Step 1: list beneficiaries, filtered by IBAN.
        var list = await ApiAssert.Json(await server.Client.GetAsync($"v2/sepa/beneficiaries?iban[]={Payments.SupplierIban}&status[]=validated&trusted=true"), HttpStatusCode.OK);
        var beneficiary = list.GetProperty("beneficiaries")[0];
        Assert.Equal(supplier.Id, beneficiary.GetProperty("id").GetString());

        // Step 2: verify the payee.
        var check = await ApiAssert.Json(await server.Client.Post("v2/sepa/verify_payee", new JsonObject { ["iban"] = Payments.SupplierIban, ["beneficiary_name"] = "Fournitures Durand SARL" }), HttpStatusCode.OK);
        Assert.Equal("MATCH_RESULT_MATCH", check.GetProperty("match_result").GetString());
        var token = check.GetProperty("proof_token").GetProperty("token").GetString()!;

        // Step 3: the transfer, with an idempotency key.
        var before = await server.BalancesAsync(server.Demo.Account.Id);
        var created = await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, supplier.Id, "1100.50")), HttpStatusCode.Created);
        var transfer = created.GetProperty("transfer");
        Assert.Equal("pending", transfer.GetProperty("status").GetString());
        Assert.Equal(110050, transfer.GetProperty("amount_cents").GetInt64());
        // A JSON number with its two decimals, as clients of the public API read it.
        Assert.Equal("1100.50", transfer.GetProperty("amount").GetRawText());
        Assert.True(transfer.GetProperty("instant").GetBoolean());
        var reserved = await server.BalancesAsync(server.Demo.Account.Id);
        Assert.Equal(before.Balance, reserved.Balance);
        Assert.Equal(before.Authorized - 110050, reserved.Authorized);
        await server.AssertLedgerAsync(server.Demo.Account.Id);

        var settled = await server.SettleAsync(transfer.GetProperty("id").GetString()!);
        Assert.Equal("settled", settled.GetProperty("status").GetString());
        Assert.NotNull(settled.GetProperty("completed_at").GetString());
        var after = await server.BalancesAsync(server.Demo.Account.Id);
        Assert.Equal(before.Balance - 110050, after.Balance);
        Assert.Equal(after.Balance, after.Authorized);
        await server.AssertLedgerAsync(server.Demo.Account.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Paying_an_iban_held_on_this_server_credits_that_account(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "atelier-b", "Atelier B SAS");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Atelier B", other.Account.Iban, null, trusted: true);
        var token = await server.TokenAsync(other.Account.Iban, "Atelier B");
        var created = await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, "250.00", "F-2026-000007")), HttpStatusCode.Created);

        await server.SettleAsync(created.GetProperty("transfer").GetProperty("id").GetString()!);

        using var otherClient = server.NewClient(other.Authorization);
        var account = await ApiAssert.Json(await otherClient.GetAsync($"v2/bank_accounts/{other.Account.Id}"), HttpStatusCode.OK);
        Assert.Equal(25_000_000 + 25_000, account.GetProperty("bank_account").GetProperty("balance_cents").GetInt64());
        await server.AssertLedgerAsync(server.Demo.Account.Id);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("-5")]
    [InlineData("0.001")]
    [InlineData("NaN")]
    [InlineData("0")]
    [InlineData("100000000000")]
    public async Task Bad_amounts_are_refused_and_nothing_moves(string amount)
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        var before = await server.BalancesAsync(server.Demo.Account.Id);

        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, amount)), HttpStatusCode.UnprocessableEntity, pointer: "/transfer/amount");

        Assert.Equal(before, await server.BalancesAsync(server.Demo.Account.Id));
    }

    [Fact]
    public async Task Every_transfer_rule_is_enforced()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var organizationId = server.Demo.Organization.Id;
        var beneficiary = await server.Beneficiaries().AddAsync(organizationId, "Durand", Payments.SupplierIban, null, trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        var account = server.Demo.Account.Id;

        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(token, account, beneficiary.Id, "10.00"), key: ""), HttpStatusCode.BadRequest, "idempotency_key_required");
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody("v1|9999999999|forged|AAAA", account, beneficiary.Id, "10.00")), HttpStatusCode.UnprocessableEntity, "invalid", "/vop_proof_token");
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody("garbage", account, beneficiary.Id, "10.00")), HttpStatusCode.UnprocessableEntity, "invalid", "/vop_proof_token");
        var otherIbanToken = await server.TokenAsync("DE89370400440532013000", "Durand");
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(otherIbanToken, account, beneficiary.Id, "10.00")), HttpStatusCode.UnprocessableEntity, "invalid", "/vop_proof_token");
        var upload = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "devis.pdf" } };
        var uploadRequest = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = upload };
        uploadRequest.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        var attachmentId = (await ApiAssert.Json(await server.Client.SendAsync(uploadRequest), HttpStatusCode.Created)).GetProperty("attachment").GetProperty("id").GetString();
        var tooMuch = Payments.TransferBody(token, account, beneficiary.Id, "250001.00");
        tooMuch["transfer"]!["attachment_ids"] = new JsonArray(attachmentId);
        await ApiAssert.Error(await server.Client.PostTransferAsync(tooMuch), HttpStatusCode.UnprocessableEntity, "insufficient_funds", "/transfer/amount");
        var unknownAttachment = Payments.TransferBody(token, account, beneficiary.Id, "30000.01");
        unknownAttachment["transfer"]!["attachment_ids"] = new JsonArray("00000000-0000-0000-0000-000000000000");
        await ApiAssert.Error(await server.Client.PostTransferAsync(unknownAttachment), HttpStatusCode.UnprocessableEntity, "not_found", "/transfer/attachment_ids/0");
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(token, account, beneficiary.Id, "30000.01")), HttpStatusCode.UnprocessableEntity, "required", "/transfer/attachment_ids");
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(token, "00000000-0000-0000-0000-000000000000", beneficiary.Id, "10.00")), HttpStatusCode.UnprocessableEntity, "not_found", "/transfer/bank_account_id");
        var past = Payments.TransferBody(token, account, beneficiary.Id, "10.00");
        past["transfer"]!["scheduled_date"] = "2020-01-01";
        await ApiAssert.Error(await server.Client.PostTransferAsync(past), HttpStatusCode.UnprocessableEntity, pointer: "/transfer/scheduled_date");

        // Another organization's account and beneficiary are not ours to use.
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        var theirs = await server.Beneficiaries().AddAsync(other.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(token, other.Account.Id, beneficiary.Id, "10.00")), HttpStatusCode.UnprocessableEntity, "not_found", "/transfer/bank_account_id");
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(token, account, theirs.Id, "10.00")), HttpStatusCode.UnprocessableEntity, "not_found", "/transfer/beneficiary_id");
        using var otherClient = server.NewClient(other.Authorization);
        await ApiAssert.Error(await otherClient.PostTransferAsync(Payments.TransferBody(token, other.Account.Id, theirs.Id, "10.00")), HttpStatusCode.UnprocessableEntity, "invalid", "/vop_proof_token");

        // Expired after 23 hours.
        server.Clock.Advance(TimeSpan.FromHours(24));
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(token, account, beneficiary.Id, "10.00")), HttpStatusCode.UnprocessableEntity, "invalid", "/vop_proof_token");

        Assert.Equal((25_000_000L, 25_000_000L), await server.BalancesAsync(account));
        await server.AssertLedgerAsync(account);
    }

    [Fact]
    public async Task Large_transfers_fall_back_to_standard_sepa_and_settle_on_the_next_business_day()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var created = await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Durand"), server.Demo.Account.Id, beneficiary.Id, "10000.01")), HttpStatusCode.Created);
        var transfer = created.GetProperty("transfer");
        Assert.False(transfer.GetProperty("instant").GetBoolean());

        // Thursday 2026-03-19 20:30 -> Friday 09:00; still pending a few seconds later.
        Assert.Equal("pending", (await server.SettleAsync(transfer.GetProperty("id").GetString()!, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1))).GetProperty("status").GetString());
        Assert.Equal("settled", (await server.SettleAsync(transfer.GetProperty("id").GetString()!, TimeSpan.FromHours(13))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_untrusted_beneficiary_needs_strong_customer_authentication()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { StagingToken = "stg" });
        server.Client.DefaultRequestHeaders.Add("X-Qonto-Staging-Token", "stg");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Nouveau Fournisseur", Payments.SupplierIban, null, trusted: false);
        var body = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Nouveau Fournisseur"), server.Demo.Account.Id, beneficiary.Id, "99.00");
        var key = Guid.NewGuid().ToString();

        var challenge = await ApiAssert.Json(await server.Client.PostTransferAsync(body, key), HttpStatusCode.PreconditionRequired);
        var sca = challenge.GetProperty("sca_session_token").GetString()!;
        await ApiAssert.Error(await server.Client.PostTransferAsync(body, key, sca), HttpStatusCode.PreconditionRequired, "sca_pending");

        await ApiAssert.Json(await server.Client.PostAsync($"v2/mocked_sca_sessions/{sca}", null), HttpStatusCode.OK);
        var created = await ApiAssert.Json(await server.Client.PostTransferAsync(body, key, sca), HttpStatusCode.Created);
        Assert.Equal("pending", created.GetProperty("transfer").GetProperty("status").GetString());

        // A denied session refuses the transfer.
        var again = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Nouveau Fournisseur"), server.Demo.Account.Id, beneficiary.Id, "98.00");
        var second = (await ApiAssert.Json(await server.Client.PostTransferAsync(again), HttpStatusCode.PreconditionRequired)).GetProperty("sca_session_token").GetString()!;
        await ApiAssert.Json(await server.Client.Post($"v2/mocked_sca_sessions/{second}", new JsonObject { ["action"] = "deny" }), HttpStatusCode.OK);
        await ApiAssert.Error(await server.Client.PostTransferAsync(again, sca: second), HttpStatusCode.Forbidden, "sca_denied");
    }

    [Fact]
    public async Task A_pending_transfer_can_be_canceled_and_gives_the_money_back()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var created = await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Durand"), server.Demo.Account.Id, beneficiary.Id, "500.00")), HttpStatusCode.Created);
        var id = created.GetProperty("transfer").GetProperty("id").GetString();

        var canceled = await server.Client.PostAsync($"v2/sepa/transfers/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.NoContent, canceled.StatusCode);
        Assert.Empty(await canceled.Content.ReadAsByteArrayAsync());
        Assert.Equal("canceled", (await ApiAssert.Json(await server.Client.GetAsync($"v2/sepa/transfers/{id}"), HttpStatusCode.OK)).GetProperty("transfer").GetProperty("status").GetString());
        Assert.Equal((25_000_000L, 25_000_000L), await server.BalancesAsync(server.Demo.Account.Id));
        Assert.Equal("canceled", (await server.SettleAsync(id!)).GetProperty("status").GetString());
        await ApiAssert.Error(await server.Client.PostAsync($"v2/sepa/transfers/{id}/cancel", null), HttpStatusCode.Conflict);
        await server.AssertLedgerAsync(server.Demo.Account.Id);
    }
}

public class TransferSchedulingTests
{
    [Fact]
    public async Task A_scheduled_transfer_waits_for_its_day()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var body = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Durand"), server.Demo.Account.Id, beneficiary.Id, "10.00");
        body["transfer"]!["scheduled_date"] = "2026-03-25";
        var created = await ApiAssert.Json(await server.Client.PostTransferAsync(body), HttpStatusCode.Created);
        var id = created.GetProperty("transfer").GetProperty("id").GetString()!;
        Assert.Equal("2026-03-25", created.GetProperty("transfer").GetProperty("scheduled_date").GetString());

        Assert.Equal("pending", (await server.SettleAsync(id, TimeSpan.FromDays(2), TimeSpan.FromSeconds(1))).GetProperty("status").GetString());
        Assert.Equal("settled", (await server.SettleAsync(id, TimeSpan.FromDays(4))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task More_than_50000_of_instant_transfers_in_24_hours_fall_back_to_standard()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        var instant = new List<bool>();
        for (var i = 0; i < 6; i++)
        {
            var created = await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, "9000.00", $"t{i}")), HttpStatusCode.Created);
            instant.Add(created.GetProperty("transfer").GetProperty("instant").GetBoolean());
        }

        // 5 x 9,000 = 45,000 instant; the sixth would make 54,000.
        Assert.Equal([true, true, true, true, true, false], instant);
        server.Clock.Advance(TimeSpan.FromHours(25));
        var later = await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Durand"), server.Demo.Account.Id, beneficiary.Id, "9000.00", "next day")), HttpStatusCode.Created);
        Assert.True(later.GetProperty("transfer").GetProperty("instant").GetBoolean());
    }
}
