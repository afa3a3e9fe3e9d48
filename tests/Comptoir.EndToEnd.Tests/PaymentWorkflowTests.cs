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
        var added = Admin(database, "beneficiaries", "add", "--organization", "comptoir-demo", "--name", "Fournitures Durand SARL", "--iban", SupplierIban, "--trusted");
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
