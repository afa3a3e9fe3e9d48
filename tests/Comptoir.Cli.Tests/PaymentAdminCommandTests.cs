using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Cli.Tests;

public sealed class PaymentAdminCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-admin-pay-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private CliRun Admin(params string[] args) => CliRun.Invoke(["admin", .. args, "--data", _data]);

    [Fact]
    public async Task Beneficiaries_payees_banks_credit_and_sca_from_the_command_line()
    {
        Assert.Equal(0, Admin("organizations", "create", "--slug", "acme", "--legal-name", "Acme SAS", "--siren", "552100554").ExitCode);
        Assert.Equal(0, Admin("accounts", "add", "--organization", "acme", "--iban", "FR7630006000011234567890189", "--bic", "AGRIFRPP", "--balance", "100.00", "--main").ExitCode);

        var added = Admin("beneficiaries", "add", "--organization", "acme", "--name", "Durand", "--iban", "DE89370400440532013000", "--bic", "COBADEFF");
        Assert.Equal(0, added.ExitCode);
        var id = added.Out.Split(' ')[1];
        Assert.Equal(0, Admin("beneficiaries", "trust", id).ExitCode);
        Assert.Equal(1, Admin("beneficiaries", "trust", "00000000-0000-0000-0000-000000000000").ExitCode);
        Assert.Equal(ExitCodes.Usage, Admin("beneficiaries", "add", "--organization", "acme", "--name", "X", "--iban", "DE00").ExitCode);

        Assert.Equal(0, Admin("payees", "add", "--iban", "DE89370400440532013000", "--name", "Durand GmbH").ExitCode);
        Assert.Equal(0, Admin("banks", "--iban", "DE89370400440532013000", "--availability", "error_5xx").ExitCode);
        Assert.Equal(ExitCodes.Usage, Admin("banks", "--iban", "DE89370400440532013000", "--availability", "sometimes").ExitCode);

        var credit = Admin("credit", "--iban", "FR7630006000011234567890189", "--amount", "12.50", "--counterparty", "Client");
        Assert.Equal(0, credit.ExitCode);
        Assert.Contains("balance 112.50 EUR", credit.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, Admin("credit", "--iban", "FR7630006000011234567890189", "--amount", "-3", "--counterparty", "Client").ExitCode);
        Assert.Equal(1, Admin("credit", "--iban", "DE89370400440532013000", "--amount", "3", "--counterparty", "Client").ExitCode);

        await using var database = Database.Open(null, _data);
        var trusted = await database.ReadAsync(c => c.ExecuteScalarAsync<bool>("SELECT trusted FROM beneficiaries WHERE id = @id", new { id }));
        Assert.True(trusted);
        var availability = await database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT availability FROM payee_banks"));
        Assert.Equal("error_5xx", availability);

        var organizationId = await database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT id FROM organizations WHERE slug = 'acme'"));
        var token = await new ScaSessions(database, TimeProvider.System).StartAsync(organizationId!, "fingerprint");
        Assert.Equal(0, Admin("sca", "approve", token).ExitCode);
        Assert.Equal(1, Admin("sca", "deny", token).ExitCode); // no longer pending
        Assert.Equal("approved", await database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT status FROM sca_sessions WHERE token = @token", new { token })));
    }

    [Fact]
    public void A_beneficiary_needs_a_bic_unless_the_server_knows_its_bank()
    {
        Assert.Equal(0, Admin("organizations", "create", "--slug", "acme", "--legal-name", "Acme SAS", "--siren", "552100554").ExitCode);
        Assert.Equal(0, Admin("accounts", "add", "--organization", "acme", "--iban", "FR7630006000011234567890189", "--bic", "AGRIFRPP", "--main").ExitCode);

        var unknown = Admin("beneficiaries", "add", "--organization", "acme", "--name", "Berliner", "--iban", "DE89370400440532013000");
        var sameBank = Admin("beneficiaries", "add", "--organization", "acme", "--name", "Voisin", "--iban", "FR7630006000019876543210949");

        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("--bic", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, sameBank.ExitCode);
        Assert.Contains("AGRIFRPP", sameBank.Out, StringComparison.Ordinal);
    }
}
