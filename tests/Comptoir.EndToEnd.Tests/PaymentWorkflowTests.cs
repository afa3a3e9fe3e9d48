using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Comptoir.EndToEnd.Tests.Support;
using Comptoir.FacturX.Tests.Support;
using Comptoir.Server.Tests.Support;

namespace Comptoir.EndToEnd.Tests;

/// <summary>The seed's SEPA and transactions workflows against `comptoir serve`, with administration through `comptoir admin`.</summary>
public sealed class PaymentWorkflowTests : IDisposable
{
    private const string SupplierIban = "FR7630006000011234567890189";
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-e2e-pay-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private ExternalTool.Result Admin(string? database, params string[] args)
    {
        var arguments = new List<string> { ComptoirProcess.Executable, "admin" };
        arguments.AddRange(args);
        arguments.AddRange(["--data", _data]);
        if (database is not null)
        {
            arguments.AddRange(["--database", database]);
        }

        return ExternalTool.Run("dotnet", arguments);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Pay_a_trusted_beneficiary_then_sync_the_transactions(string engine)
    {
        var database = engine == "postgres" ? PostgresCluster.Instance.CreateDatabase() : null;
        var extra = database is null ? Array.Empty<string>() : ["--database", database];
        await using var server = await ComptoirProcess.StartAsync(_data, extra);

        // The administrator adds and trusts the beneficiary while the server runs; the payee directory knows its holder.
        var added = Admin(database, "beneficiaries", "add", "--organization", "comptoir-demo", "--name", "Fournitures Durand SARL", "--iban", SupplierIban, "--bic", "AGRIFRPP", "--trusted");
        Assert.True(added.ExitCode == 0, added.Output + added.Error);
        var payee = Admin(database, "payees", "add", "--iban", SupplierIban, "--name", "FOURNITURES DURAND");
        Assert.True(payee.ExitCode == 0, payee.Output + payee.Error);

        var (payment, _) = SeedScript.Run("sepa_transfer.py", server, ("COMPTOIR_BENEFICIARY_IBAN", SupplierIban));
        Assert.True(payment.ExitCode == 0, payment.ToString());
        Assert.Contains("MATCH_RESULT_MATCH", payment.Output, StringComparison.Ordinal);
        Assert.Contains("status: pending", payment.Output, StringComparison.Ordinal);

        // Incoming money, then the instant transfer settles within seconds.
        using var http = server.NewClient();
        var organization = await http.GetFromJsonAsync<JsonElement>("organization");
        var iban = organization.GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("iban").GetString()!;
        var credit = Admin(database, "credit", "--iban", iban, "--amount", "420.00", "--counterparty", "Acme Corp", "--reference", "Invoice 7");
        Assert.True(credit.ExitCode == 0, credit.Output + credit.Error);
        await Task.Delay(TimeSpan.FromSeconds(4));

        var (sync, directory) = SeedScript.Run("sync_transactions.py", server);
        Assert.True(sync.ExitCode == 0, sync.ToString());
        // Opening balance, the settled transfer and the incoming credit.
        Assert.Contains("Fetched 3 transaction(s)", sync.Output, StringComparison.Ordinal);
        var account = organization.GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("id").GetString();
        var settled = await http.GetFromJsonAsync<JsonElement>($"transactions?bank_account_id={account}&side=debit");
        Assert.Equal(110050, settled.GetProperty("transactions")[0].GetProperty("amount_cents").GetInt64());
        var balance = (await http.GetFromJsonAsync<JsonElement>($"bank_accounts/{account}")).GetProperty("bank_account").GetProperty("balance_cents").GetInt64();
        Assert.Equal(25_000_000 - 110_050 + 42_000, balance);
        _ = directory;
    }
}

/// <summary>Two `comptoir serve` processes on one PostgreSQL, as behind a load balancer.</summary>
public sealed class TwoProcessTests : IDisposable
{
    private const string SupplierIban = "FR7630006000011234567890189";
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-e2e-two-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task One_key_pays_once_and_fifty_transfers_never_overdraw_across_two_processes()
    {
        var database = PostgresCluster.Instance.CreateDatabase();
        await using var first = await ComptoirProcess.StartAsync(_data, "--database", database);
        await using var second = await ComptoirProcess.StartAsync(_data, "--database", database);
        var add = ExternalTool.Run("dotnet", [ComptoirProcess.Executable, "admin", "beneficiaries", "add", "--organization", "comptoir-demo", "--name", "Durand", "--iban", SupplierIban, "--bic", "AGRIFRPP", "--trusted", "--database", database]);
        Assert.True(add.ExitCode == 0, add.Output + add.Error);
        using var a = first.NewClient();
        using var b = second.NewClient();
        var beneficiaryId = (await a.GetFromJsonAsync<JsonElement>("sepa/beneficiaries")).GetProperty("beneficiaries")[0].GetProperty("id").GetString();
        var accountId = (await a.GetFromJsonAsync<JsonElement>("organization")).GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("id").GetString();
        var verified = await (await a.PostAsync("sepa/verify_payee", Body($$"""{"iban": "{{SupplierIban}}", "beneficiary_name": "Durand"}"""))).Content.ReadFromJsonAsync<JsonElement>();
        var token = verified.GetProperty("proof_token").GetProperty("token").GetString();
        string Transfer(string amount) => $$$"""{"vop_proof_token": "{{{token}}}", "transfer": {"beneficiary_id": "{{{beneficiaryId}}}", "bank_account_id": "{{{accountId}}}", "reference": "r", "amount": "{{{amount}}}"}}""";
        Task<HttpResponseMessage> Send(HttpClient client, string body, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "sepa/transfers") { Content = Body(body) };
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
            return client.SendAsync(request);
        }

        var key = Guid.NewGuid().ToString();
        var same = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Send(i % 2 == 0 ? a : b, Transfer("1000.00"), key)));
        var ids = new HashSet<string>();
        foreach (var response in same.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transfer").GetProperty("id").GetString()!);
        }

        Assert.Single(ids);
        Assert.All(same, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));

        // 249,000.00 left: 50 transfers of 9,000.00 -> exactly 27 fit.
        var many = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Send(i % 2 == 0 ? a : b, Transfer("9000.00"), Guid.NewGuid().ToString())));
        Assert.Equal(27, many.Count(r => r.StatusCode == HttpStatusCode.Created));
        var account = (await a.GetFromJsonAsync<JsonElement>($"bank_accounts/{accountId}")).GetProperty("bank_account");
        Assert.Equal(25_000_000 - 100_000 - (27 * 900_000), account.GetProperty("authorized_balance_cents").GetInt64());
    }

    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
