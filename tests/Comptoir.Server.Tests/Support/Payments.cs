using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.Transactions;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests.Support;

/// <summary>Helpers for the payment tests: beneficiaries, verification, transfers, balances.</summary>
public static class Payments
{
    public const string SupplierIban = "FR7630006000011234567890189";

    public static BeneficiaryStore Beneficiaries(this RunningServer server) => server.App.Services.GetRequiredService<BeneficiaryStore>();

    public static async Task<string> TokenAsync(this RunningServer server, string iban, string name, HttpClient? client = null)
    {
        var result = await ApiAssert.Json(await (client ?? server.Client).Post("v2/sepa/verify_payee", new JsonObject { ["iban"] = iban, ["beneficiary_name"] = name }), HttpStatusCode.OK);
        return result.GetProperty("proof_token").GetProperty("token").GetString()!;
    }

    public static JsonObject TransferBody(string token, string accountId, string beneficiaryId, string amount, string reference = "Invoice 42") => new()
    {
        ["vop_proof_token"] = token,
        ["transfer"] = new JsonObject
        {
            ["beneficiary_id"] = beneficiaryId,
            ["bank_account_id"] = accountId,
            ["reference"] = reference,
            ["amount"] = amount,
        },
    };

    public static Task<HttpResponseMessage> PostTransferAsync(this HttpClient client, JsonObject body, string? key = null, string? sca = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/sepa/transfers") { Content = Body.Json(body) };
        if (key != "")
        {
            request.Headers.Add("X-Qonto-Idempotency-Key", key ?? Guid.NewGuid().ToString());
        }

        if (sca is not null)
        {
            request.Headers.Add("X-Qonto-Sca-Session-Token", sca);
        }

        return client.SendAsync(request);
    }

    public static async Task<(long Balance, long Authorized)> BalancesAsync(this RunningServer server, string accountId)
    {
        var account = await ApiAssert.Json(await server.Client.GetAsync($"v2/bank_accounts/{accountId}"), HttpStatusCode.OK);
        var row = account.GetProperty("bank_account");
        return (row.GetProperty("balance_cents").GetInt64(), row.GetProperty("authorized_balance_cents").GetInt64());
    }

    /// <summary>Asserts that the stored balances equal what the ledger's transactions say.</summary>
    public static async Task AssertLedgerAsync(this RunningServer server, string accountId)
    {
        var stored = await server.BalancesAsync(accountId);
        var computed = await Ledger.ComputedBalancesAsync(server.Database, accountId);
        Assert.Equal(computed.Balance, stored.Balance);
        Assert.Equal(computed.Authorized, stored.Authorized);
        Assert.True(stored.Authorized >= 0, "authorized balance below zero");
    }

    /// <summary>Lets the clock pass settlement times and waits for the worker to settle.</summary>
    public static async Task<JsonElement> SettleAsync(this RunningServer server, string transferId, TimeSpan? advance = null, TimeSpan? patience = null)
    {
        server.Clock.Advance(advance ?? TimeSpan.FromSeconds(3));
        server.App.Services.GetRequiredService<Comptoir.Server.Jobs.JobQueue>().Signal();
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var transfer = (await ApiAssert.Json(await server.Client.GetAsync($"v2/sepa/transfers/{transferId}"), HttpStatusCode.OK)).GetProperty("transfer");
            if (transfer.GetProperty("status").GetString() != "pending" || DateTime.UtcNow > deadline)
            {
                return transfer;
            }

            await Task.Delay(50);
        }
    }
}
