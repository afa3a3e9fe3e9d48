using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

public class LedgerTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Transactions_list_every_movement_with_filters_attachments_and_fresh_urls(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var account = server.Demo.Account.Id;
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        var first = await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, account, beneficiary.Id, "120.00", "first")), HttpStatusCode.Created);
        await server.SettleAsync(first.GetProperty("transfer").GetProperty("id").GetString()!);
        await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, account, beneficiary.Id, "80.00", "second")), HttpStatusCode.Created);

        async Task<JsonElement> List(string query) => await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions?bank_account_id={account}&{query}"), HttpStatusCode.OK);

        // Default: completed only (the opening balance and the settled transfer), newest settled first.
        var completed = (await List("")).GetProperty("transactions");
        Assert.Equal(2, completed.GetArrayLength());
        Assert.Equal("debit", completed[0].GetProperty("side").GetString());
        Assert.Equal(12000, completed[0].GetProperty("amount_cents").GetInt64());
        Assert.Equal(25_000_000 - 12_000, completed[0].GetProperty("settled_balance_cents").GetInt64());
        Assert.Equal(Payments.SupplierIban, completed[0].GetProperty("transfer").GetProperty("counterparty_account_number").GetString());
        Assert.Equal(3, (await List("status[]=completed&status[]=pending&status[]=declined")).GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.Equal(1, (await List("status[]=pending")).GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.Equal(1, (await List("side=credit")).GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.Equal(1, (await List("operation_type[]=income")).GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.Equal(0, (await List("with_attachments=true")).GetProperty("meta").GetProperty("total_count").GetInt32());
        var byIban = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions?iban={server.Demo.Account.Iban}"), HttpStatusCode.OK);
        Assert.Equal(2, byIban.GetProperty("meta").GetProperty("total_count").GetInt32());

        // Attach a receipt to the settled debit; includes[]=attachments gives a URL that downloads it.
        var upload = new MultipartFormDataContent { { new ByteArrayContent("receipt"u8.ToArray()), "file", "receipt.pdf" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = upload };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        var attachmentId = (await ApiAssert.Json(await server.Client.SendAsync(request), HttpStatusCode.Created)).GetProperty("attachment").GetProperty("id").GetString();
        var debitId = completed[0].GetProperty("id").GetString();
        await ApiAssert.Json(await server.Client.Post($"v2/transactions/{debitId}/attachments", new JsonObject { ["attachment_id"] = attachmentId }), HttpStatusCode.OK);
        var withAttachments = (await List("includes[]=attachments&with_attachments=true")).GetProperty("transactions");
        Assert.Equal(1, withAttachments.GetArrayLength());
        var url = withAttachments[0].GetProperty("attachments")[0].GetProperty("url").GetString();
        Assert.Equal("receipt", await new HttpClient().GetStringAsync(url));
        Assert.Equal(attachmentId, withAttachments[0].GetProperty("attachment_ids")[0].GetString());
        var one = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{debitId}"), HttpStatusCode.OK);
        Assert.Equal(debitId, one.GetProperty("transaction").GetProperty("id").GetString());
        var listed = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{debitId}/attachments"), HttpStatusCode.OK);
        Assert.Equal(1, listed.GetProperty("attachments").GetArrayLength());

        await ApiAssert.Error(await server.Client.GetAsync("v2/transactions"), HttpStatusCode.BadRequest, parameter: "bank_account_id");
        await ApiAssert.Error(await server.Client.GetAsync($"v2/transactions?bank_account_id={account}&status[]=lost"), HttpStatusCode.BadRequest, "not_in_list");
        await ApiAssert.Error(await server.Client.GetAsync($"v2/transactions?bank_account_id={account}&side=up"), HttpStatusCode.BadRequest, parameter: "side");
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        await ApiAssert.Error(await server.Client.GetAsync($"v2/transactions?bank_account_id={other.Account.Id}"), HttpStatusCode.NotFound);
        using var otherClient = server.NewClient(other.Authorization);
        await ApiAssert.Error(await otherClient.GetAsync($"v2/transactions/{debitId}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Incoming_money_that_quotes_an_invoice_marks_it_paid(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var invoice = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));
        var incoming = server.App.Services.GetRequiredService<IncomingPayments>();

        var wrongAmount = await incoming.CreditAsync(server.Demo.Account.Iban, 179_999, "Acme Corp", "Paiement F-2026-000001");
        Assert.Null(wrongAmount.PaidInvoiceId);
        var paying = await incoming.CreditAsync(server.Demo.Account.Iban, 180_000, "Acme Corp", "Virement facture F-2026-000001");

        Assert.Equal(invoice.GetProperty("id").GetString(), paying.PaidInvoiceId);
        var after = (await ApiAssert.Json(await server.Client.GetAsync($"v2/client_invoices/{paying.PaidInvoiceId}"), HttpStatusCode.OK)).GetProperty("client_invoice");
        Assert.Equal("paid", after.GetProperty("status").GetString());
        Assert.Equal((25_000_000L + 179_999 + 180_000, 25_000_000L + 179_999 + 180_000), await server.BalancesAsync(server.Demo.Account.Id));
        await server.AssertLedgerAsync(server.Demo.Account.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Random_sequences_of_transfers_credits_cancellations_and_settlements_keep_balances_equal_to_the_ledger(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var transfers = server.App.Services.GetRequiredService<TransferStore>();
        var incoming = server.App.Services.GetRequiredService<IncomingPayments>();
        var queue = server.App.Services.GetRequiredService<Comptoir.Server.Jobs.JobQueue>();
        var worker = server.App.Services.GetRequiredService<Comptoir.Server.Jobs.JobRunner>();
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var random = new Random(42);
        var pending = new List<string>();
        for (var step = 0; step < 120; step++)
        {
            switch (random.Next(4))
            {
                case 0 or 1:
                    var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
                    var amount = random.Next(1, 8_000_000);
                    var body = Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, Comptoir.Core.Money.DecimalText.Amount(amount / 100m));
                    var response = await server.Client.PostTransferAsync(body);
                    Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        pending.Add((await ApiAssert.Json(response, HttpStatusCode.Created)).GetProperty("transfer").GetProperty("id").GetString()!);
                    }

                    break;
                case 2:
                    await incoming.CreditAsync(server.Demo.Account.Iban, random.Next(1, 3_000_000), "Client", null);
                    break;
                default:
                    if (pending.Count > 0 && random.Next(3) == 0)
                    {
                        var id = pending[random.Next(pending.Count)];
                        var canceled = await server.Client.PostAsync($"v2/sepa/transfers/{id}/cancel", null);
                        Assert.Contains(canceled.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Conflict });
                    }
                    else
                    {
                        server.Clock.Advance(TimeSpan.FromHours(random.Next(1, 30)));
                        while (await queue.ClaimAsync("test", TimeSpan.FromMinutes(2), CancellationToken.None) is { } job)
                        {
                            await worker.RunAsync(job, CancellationToken.None);
                        }
                    }

                    break;
            }

            var (balance, authorized) = await server.BalancesAsync(server.Demo.Account.Id);
            Assert.True(balance >= 0 && authorized >= 0 && authorized <= balance, $"step {step}: balance {balance}, authorized {authorized}");
            await server.AssertLedgerAsync(server.Demo.Account.Id);
        }
    }

    [Fact]
    public async Task Payee_verification_answers_match_close_match_no_match_not_possible_and_bank_errors()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var directory = server.App.Services.GetRequiredService<PayeeDirectory>();
        await directory.AddExternalAsync(Payments.SupplierIban, "Fournitures Durand SARL");

        async Task<JsonElement> Verify(string iban, string name) =>
            await ApiAssert.Json(await server.Client.Post("v2/sepa/verify_payee", new JsonObject { ["iban"] = iban, ["beneficiary_name"] = name }), HttpStatusCode.OK);

        Assert.Equal("MATCH_RESULT_MATCH", (await Verify(Payments.SupplierIban, "FOURNITURES DURAND")).GetProperty("match_result").GetString());
        var close = await Verify(Payments.SupplierIban, "Fournitures Durnad");
        Assert.Equal("MATCH_RESULT_CLOSE_MATCH", close.GetProperty("match_result").GetString());
        Assert.Equal("Fournitures Durand SARL", close.GetProperty("matched_name").GetString());
        Assert.Equal("MATCH_RESULT_NO_MATCH", (await Verify(Payments.SupplierIban, "Someone Else")).GetProperty("match_result").GetString());
        Assert.Equal("MATCH_RESULT_NOT_POSSIBLE", (await Verify("DE89370400440532013000", "Anyone")).GetProperty("match_result").GetString());
        // Accounts held on this server answer with their organization's legal name.
        Assert.Equal("MATCH_RESULT_MATCH", (await Verify(server.Demo.Account.Iban, "Comptoir Demo")).GetProperty("match_result").GetString());

        await ApiAssert.Error(await server.Client.Post("v2/sepa/verify_payee", new JsonObject { ["iban"] = "FR7630006000011234567890188", ["beneficiary_name"] = "X" }), HttpStatusCode.UnprocessableEntity, "invalid", "/iban");
        await ApiAssert.Error(await server.Client.Post("v2/sepa/verify_payee", new JsonObject { ["iban"] = Payments.SupplierIban, ["beneficiary_name"] = new string('x', 141) }), HttpStatusCode.UnprocessableEntity, "too_long", "/beneficiary_name");
        await directory.SetBankAvailabilityAsync("DE89370400440532013000", "unavailable");
        await ApiAssert.Error(await server.Client.Post("v2/sepa/verify_payee", new JsonObject { ["iban"] = "DE89370400440532013000", ["beneficiary_name"] = "X" }), HttpStatusCode.BadRequest, "BAD_REQUEST_ERROR_RESPONDING_BANK_NOT_AVAILABLE");
        await directory.SetBankAvailabilityAsync("DE89370400440532013000", "error_5xx");
        await ApiAssert.Error(await server.Client.Post("v2/sepa/verify_payee", new JsonObject { ["iban"] = "DE89370400440532013000", ["beneficiary_name"] = "X" }), HttpStatusCode.BadRequest, "BAD_REQUEST_ERROR_5XX_RESPONDING_BANK");

        var bulk = await ApiAssert.Json(await server.Client.Post("v2/sepa/bulk_verify_payee", JsonNode.Parse($$"""
            {"requests": [{"id": "a", "iban": "{{Payments.SupplierIban}}", "beneficiary_name": "Durand Fournitures"}, {"id": "b", "iban": "DE89370400440532013000", "beneficiary_name": "X"}]}
            """)!), HttpStatusCode.OK);
        Assert.Equal("MATCH_RESULT_MATCH", bulk.GetProperty("requests")[0].GetProperty("response").GetProperty("match_result").GetString());
        Assert.Equal("MATCH_RESULT_NOT_POSSIBLE", bulk.GetProperty("requests")[1].GetProperty("response").GetProperty("match_result").GetString());
        Assert.StartsWith("v1|", bulk.GetProperty("proof_token").GetProperty("token").GetString(), StringComparison.Ordinal);
    }
}

public class PayeeVerificationLimitTests
{
    [Fact]
    public async Task Verifications_never_followed_by_a_transfer_are_limited()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var requests = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < 300; i++)
        {
            requests.Add(new System.Text.Json.Nodes.JsonObject { ["id"] = $"r{i}", ["iban"] = Payments.SupplierIban, ["beneficiary_name"] = "Durand" });
        }

        await ApiAssert.Json(await server.Client.Post("v2/sepa/bulk_verify_payee", new System.Text.Json.Nodes.JsonObject { ["requests"] = requests }), System.Net.HttpStatusCode.OK);
        var limited = await server.Client.Post("v2/sepa/verify_payee", new System.Text.Json.Nodes.JsonObject { ["iban"] = Payments.SupplierIban, ["beneficiary_name"] = "Durand" });
        await ApiAssert.Error(limited, System.Net.HttpStatusCode.TooManyRequests, "too_many_verifications");
        Assert.Equal("3600", limited.Headers.GetValues("Retry-After").Single());

        server.Clock.Advance(TimeSpan.FromMinutes(61));
        await ApiAssert.Json(await server.Client.Post("v2/sepa/verify_payee", new System.Text.Json.Nodes.JsonObject { ["iban"] = Payments.SupplierIban, ["beneficiary_name"] = "Durand" }), System.Net.HttpStatusCode.OK);
    }
}
