using System.Text.Json;
using Comptoir.Cli.Commands;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Cli.Tests;

public sealed class PayCommandTests : IDisposable
{
    private const string SupplierIban = "FR7630006000011234567890189";
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-pay-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Common(RunningServer server) =>
        ["--base-url", new Uri(server.BaseAddress, "v2").ToString(), "--authorization", server.Demo.Authorization, "--journal", Path.Combine(_directory, "payments.jsonl")];

    [Fact]
    public async Task Pays_once_even_when_re_run()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Fournitures Durand", SupplierIban, null, trusted: true);
        await server.App.Services.GetRequiredService<PayeeDirectory>().AddExternalAsync(SupplierIban, "FOURNITURES DURAND SARL");

        var first = CliRun.Invoke(["pay", "--beneficiary", "Fournitures Durand", "--amount", "1100.50", "--reference", "Week 12", .. Common(server)]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("MATCH_RESULT_MATCH", first.Out, StringComparison.Ordinal);
        Assert.Contains("status: pending", first.Out, StringComparison.Ordinal);

        // The same payment again (say after a crash before the answer was seen): same key, same transfer.
        var again = CliRun.Invoke(["pay", "--beneficiary", SupplierIban, "--amount", "1100.50", "--reference", "Week 12", "--json", .. Common(server)]);
        Assert.True(again.ExitCode == 0, again.Error);
        using var summary = JsonDocument.Parse(again.StandardOutput);
        Assert.True(summary.RootElement.GetProperty("key_reused").GetBoolean());
        Assert.Contains(summary.RootElement.GetProperty("transfer_id").GetString()!, first.Out, StringComparison.Ordinal);
        var (_, authorized) = await Balances(server);
        Assert.Equal(25_000_000 - 110_050, authorized);
    }

    [Fact]
    public async Task A_payee_that_does_not_match_is_not_paid_without_yes()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Durand", SupplierIban, null, trusted: true);
        await server.App.Services.GetRequiredService<PayeeDirectory>().AddExternalAsync(SupplierIban, "Someone Else Entirely");

        var refused = CliRun.Invoke(["pay", "--beneficiary", "Durand", "--amount", "10.00", "--reference", "r", .. Common(server)]);
        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("MATCH_RESULT_NO_MATCH", refused.Out, StringComparison.Ordinal);
        Assert.Equal(25_000_000, (await Balances(server)).Authorized);

        var forced = CliRun.Invoke(["pay", "--beneficiary", "Durand", "--amount", "10.00", "--reference", "r", "--yes", .. Common(server)]);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(25_000_000 - 1_000, (await Balances(server)).Authorized);
    }

    [Fact]
    public async Task An_untrusted_beneficiary_exits_4_with_the_sca_session_then_pays_with_it()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Nouveau", SupplierIban, null, trusted: false);

        var challenged = CliRun.Invoke(["pay", "--beneficiary", "Nouveau", "--amount", "10.00", "--reference", "r", "--yes", "--no-wait", .. Common(server)]);
        Assert.Equal(PayCommand.ScaRequired, challenged.ExitCode);
        var session = challenged.Error.Split("--sca-session ")[1].Trim().TrimEnd('.');
        Assert.True(await server.App.Services.GetRequiredService<ScaSessions>().DecideAsync(session, approve: true));

        var paid = CliRun.Invoke(["pay", "--beneficiary", "Nouveau", "--amount", "10.00", "--reference", "r", "--yes", "--sca-session", session, .. Common(server)]);
        Assert.True(paid.ExitCode == 0, paid.Error);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pay_waits_for_the_users_sca_decision_and_pays_only_when_allowed(bool allow)
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Nouveau", SupplierIban, null, trusted: false);
        var sessions = server.App.Services.GetRequiredService<ScaSessions>();

        var run = Task.Run(() => CliRun.Invoke(["pay", "--beneficiary", "Nouveau", "--amount", "10.00", "--reference", "r", "--yes", .. Common(server)]));
        // The user decides on the phone while the command waits.
        string? session = null;
        for (var i = 0; i < 300 && session is null && !run.IsCompleted; i++)
        {
            await Task.Delay(100);
            session = await server.Database.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<string?>(c, "SELECT token FROM sca_sessions WHERE status = 'pending'"));
        }

        Assert.NotNull(session);
        Assert.False(run.IsCompleted);
        Assert.True(await sessions.DecideAsync(session, approve: allow));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == (allow ? 0 : ExitCodes.Failed), result.Error);
        Assert.Contains("waiting while you approve session", result.Error, StringComparison.Ordinal);
        Assert.Equal(allow ? 25_000_000 - 1_000 : 25_000_000, (await Balances(server)).Authorized);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("-5")]
    [InlineData("0.001")]
    public void Bad_amounts_are_usage_errors(string amount)
    {
        var run = CliRun.Invoke("pay", "--beneficiary", "X", "--amount", amount, "--reference", "r", "--authorization", "x:y");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--amount", run.Error, StringComparison.Ordinal);
    }

    private static async Task<(long Balance, long Authorized)> Balances(RunningServer server)
    {
        var json = JsonDocument.Parse(await server.Client.GetStringAsync($"v2/bank_accounts/{server.Demo.Account.Id}")).RootElement.GetProperty("bank_account");
        return (json.GetProperty("balance_cents").GetInt64(), json.GetProperty("authorized_balance_cents").GetInt64());
    }
}
