using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.Organizations;
using Comptoir.Server.Tests.Support;
using Comptoir.Server.Payees;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>The payment shapes real clients of the public API send and read: bulk VoP, SCA polling, the transfer object.</summary>
public sealed class PaymentsWireTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Bulk_verification_answers_per_request_and_its_token_covers_the_checked_ones(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand Fournitures", Payments.SupplierIban, null, trusted: true);
        await server.App.Services.GetRequiredService<PayeeDirectory>().AddExternalAsync(Payments.SupplierIban, "Fournitures Durand SARL");
        var bulk = await ApiAssert.Json(await server.Client.Post("v2/sepa/bulk_verify_payee", JsonNode.Parse($$"""
            {"requests": [
              {"id": "req_001", "iban": "{{Payments.SupplierIban}}", "beneficiary_name": "Durand Fournitures"},
              {"iban": "FR7630006000011234567890188", "name": "Checksum Wrong"},
              {"iban": "{{Payments.SupplierIban}}", "name": ""},
              {"iban": "{{Payments.SupplierIban}}", "name": "Durand"}
            ]}
            """)!), HttpStatusCode.OK);

        var requests = bulk.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(["req_001", "1", "2", "3"], requests.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("MATCH_RESULT_MATCH", requests[0].GetProperty("response").GetProperty("match_result").GetString());
        Assert.Equal(JsonValueKind.Null, requests[0].GetProperty("response").GetProperty("matched_name").ValueKind);
        Assert.Equal("INVALID_IBAN", requests[1].GetProperty("error_code").GetString());
        Assert.False(requests[1].TryGetProperty("response", out _));
        Assert.Equal("INVALID_BENEFICIARY_NAME", requests[2].GetProperty("error_code").GetString());
        Assert.True(requests[3].TryGetProperty("response", out _));
        var token = bulk.GetProperty("proof_token").GetProperty("token").GetString()!;

        // The token pays the checked beneficiary.
        await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, "10.00")), HttpStatusCode.Created);
        Assert.Equal("MATCH_RESULT_MATCH", await PayeeCheckAsync(server));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_skipped_verification_pays_and_the_transfer_records_it(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var skipped = await ApiAssert.Json(await server.Client.Post("v2/sepa/skip_verify_payee", JsonNode.Parse($$"""
            {"requests": [{"iban": "{{Payments.SupplierIban}}", "beneficiary_name": "Durand"}]}
            """)!), HttpStatusCode.OK);
        var token = skipped.GetProperty("proof_token").GetProperty("token").GetString()!;

        await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, "10.00")), HttpStatusCode.Created);
        Assert.Equal("SKIPPED", await PayeeCheckAsync(server));

        // Valid 23 hours, like a verification's token.
        var later = await ApiAssert.Json(await server.Client.Post("v2/sepa/skip_verify_payee", JsonNode.Parse($$"""{"requests": [{"iban": "{{Payments.SupplierIban}}", "name": "Durand"}]}""")!), HttpStatusCode.OK);
        server.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(1));
        await ApiAssert.Error(await server.Client.PostTransferAsync(Payments.TransferBody(later.GetProperty("proof_token").GetProperty("token").GetString()!, server.Demo.Account.Id, beneficiary.Id, "10.00")),
            HttpStatusCode.UnprocessableEntity, "invalid", "/vop_proof_token");
        await ApiAssert.Error(await server.Client.Post("v2/sepa/skip_verify_payee", JsonNode.Parse("""{"requests": [{"iban": "FR7630006000011234567890188", "name": "X"}]}""")!),
            HttpStatusCode.UnprocessableEntity, "invalid", "/requests/0");
        await ApiAssert.Error(await server.Client.Post("v2/sepa/skip_verify_payee", JsonNode.Parse("""{"requests": []}""")!), HttpStatusCode.UnprocessableEntity, "required", "/requests");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_client_polls_its_sca_session_until_the_user_decides(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { StagingToken = "stg" });
        server.Client.DefaultRequestHeaders.Add("X-Qonto-Staging-Token", "stg");
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Nouveau Fournisseur", Payments.SupplierIban, null, trusted: false);
        var body = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Nouveau Fournisseur"), server.Demo.Account.Id, beneficiary.Id, "99.00");
        var key = Guid.NewGuid().ToString();
        var sca = (await ApiAssert.Json(await server.Client.PostTransferAsync(body, key), HttpStatusCode.PreconditionRequired)).GetProperty("sca_session_token").GetString()!;

        var waiting = await ApiAssert.Json(await server.Client.GetAsync($"v2/sca_sessions/{sca}"), HttpStatusCode.OK);
        Assert.Equal("waiting", waiting.GetProperty("result").GetString());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("canceled_at").ValueKind);
        Assert.Equal("waiting", (await ApiAssert.Json(await server.Client.GetAsync($"v2/mocked_sca_sessions/{sca}"), HttpStatusCode.OK)).GetProperty("result").GetString());

        var allowed = await ApiAssert.Json(await server.Client.PostAsync($"v2/mocked_sca_sessions/{sca}/allow", null), HttpStatusCode.OK);
        Assert.Equal("Success", allowed.GetProperty("message").GetString());
        Assert.Equal("allow", (await ApiAssert.Json(await server.Client.GetAsync($"v2/sca_sessions/{sca}"), HttpStatusCode.OK)).GetProperty("result").GetString());
        await ApiAssert.Error(await server.Client.PostAsync($"v2/mocked_sca_sessions/{sca}/deny", null), HttpStatusCode.NotFound);
        await ApiAssert.Json(await server.Client.PostTransferAsync(body, key, sca), HttpStatusCode.Created);
        // Used by its transfer, the session still reads as allowed.
        Assert.Equal("allow", (await ApiAssert.Json(await server.Client.GetAsync($"v2/sca_sessions/{sca}"), HttpStatusCode.OK)).GetProperty("result").GetString());

        var denied = (await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Nouveau Fournisseur"), server.Demo.Account.Id, beneficiary.Id, "98.00")), HttpStatusCode.PreconditionRequired))
            .GetProperty("sca_session_token").GetString()!;
        await ApiAssert.Json(await server.Client.PostAsync($"v2/mocked_sca_sessions/{denied}/deny", null), HttpStatusCode.OK);
        Assert.Equal("deny", (await ApiAssert.Json(await server.Client.GetAsync($"v2/sca_sessions/{denied}"), HttpStatusCode.OK)).GetProperty("result").GetString());

        var expiring = (await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Nouveau Fournisseur"), server.Demo.Account.Id, beneficiary.Id, "97.00")), HttpStatusCode.PreconditionRequired))
            .GetProperty("sca_session_token").GetString()!;
        server.Clock.Advance(TimeSpan.FromMinutes(16));
        await ApiAssert.Error(await server.Client.GetAsync($"v2/sca_sessions/{expiring}"), HttpStatusCode.PreconditionFailed, "sca_session_expired");
        await ApiAssert.Error(await server.Client.GetAsync("v2/sca_sessions/sca_unknown"), HttpStatusCode.NotFound);

        // Another organization's session is not found, not readable.
        var other = await DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var stranger = server.NewClient(other.Authorization);
        stranger.DefaultRequestHeaders.Add("X-Qonto-Staging-Token", "stg");
        await ApiAssert.Error(await stranger.GetAsync($"v2/sca_sessions/{sca}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Mocked_sessions_exist_only_in_the_sandbox_and_the_2fa_preference_is_checked()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        await ApiAssert.Error(await server.Client.GetAsync("v2/mocked_sca_sessions/sca_x"), HttpStatusCode.NotFound);
        await ApiAssert.Error(await server.Client.PostAsync("v2/mocked_sca_sessions/sca_x/allow", null), HttpStatusCode.NotFound);

        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Nouveau Fournisseur", Payments.SupplierIban, null, trusted: false);
        var body = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Nouveau Fournisseur"), server.Demo.Account.Id, beneficiary.Id, "99.00");
        foreach (var (preference, expected) in new[] { ("passkey", HttpStatusCode.PreconditionRequired), ("sms-otp", HttpStatusCode.PreconditionRequired), ("carrier-pigeon", HttpStatusCode.BadRequest) })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v2/sepa/transfers") { Content = Body.Json(body) };
            request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
            request.Headers.Add("X-Qonto-2fa-Preference", preference);
            var response = await server.Client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_transfer_object_reads_the_same_everywhere_and_its_list_filters(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var durand = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var created = (await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Durand"), server.Demo.Account.Id, durand.Id, "1100.50")), HttpStatusCode.Created)).GetProperty("transfer");
        var id = created.GetProperty("id").GetString()!;
        var later = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Durand"), server.Demo.Account.Id, durand.Id, "20.00");
        later["transfer"]!["scheduled_date"] = "2026-04-15";
        var scheduled = (await ApiAssert.Json(await server.Client.PostTransferAsync(later), HttpStatusCode.Created)).GetProperty("transfer").GetProperty("id").GetString()!;

        var read = (await ApiAssert.Json(await server.Client.GetAsync($"v2/sepa/transfers/{id}"), HttpStatusCode.OK)).GetProperty("transfer");
        Assert.Equal(JsonValueKind.String, created.GetProperty("initiator_id").ValueKind);
        Assert.Equal(created.GetProperty("initiator_id").GetString(), read.GetProperty("initiator_id").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("recurring_transfer_id").ValueKind);
        Assert.Equal(JsonValueKind.Number, read.GetProperty("amount").ValueKind);
        Assert.Equal(1100.50m, read.GetProperty("amount").GetDecimal());
        Assert.Equal(110050, read.GetProperty("amount_cents").GetInt64());

        async Task<List<string?>> Ids(string query) =>
            (await ApiAssert.Json(await server.Client.GetAsync("v2/sepa/transfers?" + query), HttpStatusCode.OK)).GetProperty("transfers").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal([id], await Ids($"ids[]={id}"));
        Assert.Equal([scheduled, id], await Ids($"beneficiary_ids[]={durand.Id}"));
        Assert.Empty(await Ids($"beneficiary_ids[]={Guid.NewGuid()}"));
        Assert.Equal([scheduled], await Ids("scheduled_date_from=2026-04-01"));
        Assert.Equal([id], await Ids("scheduled_date_to=2026-03-31"));
        Assert.Equal([scheduled, id], await Ids("sort_by=scheduled_date:desc"));
        Assert.Equal([id, scheduled], await Ids("sort_by=scheduled_date:asc"));
        await ApiAssert.Error(await server.Client.GetAsync("v2/sepa/transfers?sort_by=amount:asc"), HttpStatusCode.BadRequest, "not_in_list", parameter: "sort_by");
        await ApiAssert.Error(await server.Client.GetAsync("v2/sepa/transfers?scheduled_date_from=tomorrow"), HttpStatusCode.BadRequest);
        await ApiAssert.Error(await server.Client.GetAsync("v2/sepa/transfers?" + string.Join('&', Enumerable.Range(0, 101).Select(i => $"ids[]={i}"))), HttpStatusCode.BadRequest, parameter: "ids[]");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_internal_transfer_moves_money_at_once_between_two_accounts_and_never_twice(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var savings = await AddAccountAsync(server, "FR7630006000011234567890189", 0);
        var body = InternalBody(server.Demo.Account.Iban, savings.Iban, "1234.56");
        var key = Guid.NewGuid().ToString();

        var first = await SendInternalAsync(server.Client, body, key);
        var created = (await ApiAssert.Json(first, HttpStatusCode.Created)).GetProperty("internal_transfer");
        Assert.Equal("settled", created.GetProperty("status").GetString());
        Assert.Equal("1234.56", created.GetProperty("amount").GetRawText());
        Assert.Equal(123456, created.GetProperty("amount_cents").GetInt64());
        Assert.Equal("EUR", created.GetProperty("amount_currency").GetString());
        Assert.StartsWith("internal-transfer-", created.GetProperty("slug").GetString(), StringComparison.Ordinal);
        Assert.Equal((25_000_000L - 123456, 25_000_000L - 123456), await server.BalancesAsync(server.Demo.Account.Id));
        Assert.Equal((123456L, 123456L), await server.BalancesAsync(savings.Id));

        var again = await SendInternalAsync(server.Client, body, key);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(created.GetProperty("id").GetString(), (await ApiAssert.Json(again, HttpStatusCode.Created)).GetProperty("internal_transfer").GetProperty("id").GetString());
        Assert.Equal((123456L, 123456L), await server.BalancesAsync(savings.Id));
        Assert.Equal(created.GetProperty("id").GetString(),
            (await ApiAssert.Json(await server.Client.GetAsync($"v2/internal_transfers/{created.GetProperty("id").GetString()}"), HttpStatusCode.OK)).GetProperty("internal_transfer").GetProperty("id").GetString());

        // Each side is a completed transaction of its account.
        var credits = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions?bank_account_id={savings.Id}&side=credit"), HttpStatusCode.OK);
        Assert.Contains(credits.GetProperty("transactions").EnumerateArray(), t => t.GetProperty("amount_cents").GetInt64() == 123456 && t.GetProperty("status").GetString() == "completed");
        await server.AssertLedgerAsync(server.Demo.Account.Id);
        await server.AssertLedgerAsync(savings.Id);

        await ApiAssert.Error(await SendInternalAsync(server.Client, InternalBody(savings.Iban, server.Demo.Account.Iban, "1234.57"), Guid.NewGuid().ToString()), HttpStatusCode.UnprocessableEntity, "insufficient_funds", "/internal_transfer/amount");
        await ApiAssert.Error(await SendInternalAsync(server.Client, InternalBody(savings.Iban, savings.Iban, "1.00"), Guid.NewGuid().ToString()), HttpStatusCode.UnprocessableEntity, "invalid", "/internal_transfer/credit_iban");
        await ApiAssert.Error(await SendInternalAsync(server.Client, InternalBody(savings.Iban, "DE89370400440532013000", "1.00"), Guid.NewGuid().ToString()), HttpStatusCode.UnprocessableEntity, "not_found", "/internal_transfer/credit_iban");
        await ApiAssert.Error(await SendInternalAsync(server.Client, InternalBody(savings.Iban, server.Demo.Account.Iban, "1.001"), Guid.NewGuid().ToString()), HttpStatusCode.UnprocessableEntity, "invalid", "/internal_transfer/amount");
        await ApiAssert.Error(await SendInternalAsync(server.Client, InternalBody(savings.Iban, server.Demo.Account.Iban, "1.00", currency: "USD"), Guid.NewGuid().ToString()), HttpStatusCode.UnprocessableEntity, "not_in_list", "/internal_transfer/amount_currency");
        await ApiAssert.Error(await SendInternalAsync(server.Client, body, key: null), HttpStatusCode.BadRequest, "idempotency_key_required");
        // Another organization's account is not ours to debit.
        var other = await DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        await ApiAssert.Error(await SendInternalAsync(server.Client, InternalBody(other.Account.Iban, savings.Iban, "1.00"), Guid.NewGuid().ToString()), HttpStatusCode.UnprocessableEntity, "not_found", "/internal_transfer/debit_iban");
        Assert.Equal((123456L, 123456L), await server.BalancesAsync(savings.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_internal_transfers_never_take_an_account_below_zero(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var savings = await AddAccountAsync(server, "FR7630006000011234567890189", 100_00);
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            SendInternalAsync(server.Client, InternalBody(savings.Iban, server.Demo.Account.Iban, "30.00"), Guid.NewGuid().ToString())));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal((10_00L, 10_00L), await server.BalancesAsync(savings.Id));
        await server.AssertLedgerAsync(savings.Id);
        await server.AssertLedgerAsync(server.Demo.Account.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_payment_objects_match_their_contracts(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { StagingToken = "stg" });
        server.Client.DefaultRequestHeaders.Add("X-Qonto-Staging-Token", "stg");
        var trusted = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var untrusted = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Nouveau", "FR7630004000031234567890143", null, trusted: false);
        var bulk = await ApiAssert.Json(await server.Client.Post("v2/sepa/bulk_verify_payee", JsonNode.Parse($$"""
            {"requests": [{"iban": "{{Payments.SupplierIban}}", "name": "Durand"}, {"iban": "FR76", "name": "X"}, {"iban": "FR7630004000031234567890143", "name": "Nouveau"}]}
            """)!), HttpStatusCode.OK);
        ContractSchema.AssertMatches("bulk_payee_verification", bulk);
        ContractSchema.AssertMatches("payee_match", bulk.GetProperty("requests")[0].GetProperty("response"));
        var token = bulk.GetProperty("proof_token").GetProperty("token").GetString()!;

        var created = await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, trusted.Id, "12.30")), HttpStatusCode.Created);
        ContractSchema.AssertMatches("transfer", created.GetProperty("transfer"));
        var listed = await ApiAssert.Json(await server.Client.GetAsync("v2/sepa/transfers"), HttpStatusCode.OK);
        ContractSchema.AssertMatches("transfer", listed.GetProperty("transfers")[0]);

        var sca = (await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, untrusted.Id, "1.00")), HttpStatusCode.PreconditionRequired)).GetProperty("sca_session_token").GetString()!;
        ContractSchema.AssertMatches("sca_session", await ApiAssert.Json(await server.Client.GetAsync($"v2/sca_sessions/{sca}"), HttpStatusCode.OK));

        var savings = await AddAccountAsync(server, "FR7630006000011234567890189", 0);
        var internalTransfer = await ApiAssert.Json(await SendInternalAsync(server.Client, InternalBody(server.Demo.Account.Iban, savings.Iban, "5.00"), Guid.NewGuid().ToString()), HttpStatusCode.Created);
        ContractSchema.AssertMatches("internal_transfer", internalTransfer.GetProperty("internal_transfer"));
    }

    private static async Task<BankAccountRow> AddAccountAsync(RunningServer server, string iban, long openingCents) =>
        await server.Organizations.AddAccountAsync(new BankAccountRow { OrganizationId = server.Demo.Organization.Id, Name = "Épargne", Iban = iban, Bic = "AGRIFRPP", BalanceCents = openingCents });

    private static JsonObject InternalBody(string debitIban, string creditIban, string amount, string? currency = null)
    {
        var transfer = new JsonObject { ["debit_iban"] = debitIban, ["credit_iban"] = creditIban, ["reference"] = "Mise de côté", ["amount"] = amount };
        if (currency is not null)
        {
            transfer["amount_currency"] = currency;
        }

        return new JsonObject { ["internal_transfer"] = transfer };
    }

    private static Task<HttpResponseMessage> SendInternalAsync(HttpClient client, JsonObject body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/internal_transfers") { Content = Body.Json(body) };
        if (key is not null)
        {
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    private static async Task<string?> PayeeCheckAsync(RunningServer server) =>
        await server.Database.ReadAsync(c => c.ExecuteScalarAsync<string?>("SELECT payee_verification FROM transfers ORDER BY created_at DESC LIMIT 1"));
}
