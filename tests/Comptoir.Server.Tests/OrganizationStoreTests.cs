using Comptoir.Core.Banking;
using Comptoir.Server.Organizations;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

public sealed class OrganizationStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_organization_comes_with_its_own_accounts_main_first_and_an_unknown_id_with_nothing(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var other = await DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        var second = await server.Organizations.AddAccountAsync(new BankAccountRow
        {
            OrganizationId = server.Demo.Organization.Id,
            Name = "Reserve",
            Iban = Iban.French("99999", "00001", "00000000042"),
            Bic = "QNTOFRP1XXX",
        });

        var found = await server.Organizations.FindWithAccountsAsync(server.Demo.Organization.Id);

        Assert.NotNull(found);
        Assert.Equal(server.Demo.Organization.LegalName, found.Value.Organization.LegalName);
        Assert.Equal([server.Demo.Account.Id, second.Id], found.Value.Accounts.Select(a => a.Id).ToArray());
        Assert.DoesNotContain(found.Value.Accounts, a => a.Id == other.Account.Id);
        Assert.Null(await server.Organizations.FindWithAccountsAsync(Guid.NewGuid().ToString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_invoice_read_brings_the_organizations_own_client_and_no_other(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var ours = await Seeds.CreateClientAsync(server.Client);
        var other = await DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var otherHttp = server.NewClient(other.Authorization);
        var theirs = await Seeds.CreateClientAsync(otherHttp);

        var found = await server.Organizations.FindWithAccountsAsync(server.Demo.Organization.Id, ours);
        var foreign = await server.Organizations.FindWithAccountsAsync(server.Demo.Organization.Id, theirs);
        var unknown = await server.Organizations.FindWithAccountsAsync(server.Demo.Organization.Id, Guid.NewGuid().ToString());

        Assert.NotNull(found);
        Assert.Equal(ours, found.Value.Client?.Id);
        Assert.Equal("Acme Corp", found.Value.Client?.Name);
        Assert.Equal([server.Demo.Account.Id], found.Value.Accounts.Select(a => a.Id).ToArray());
        Assert.NotNull(foreign);
        Assert.Null(foreign.Value.Client);
        Assert.NotNull(unknown);
        Assert.Null(unknown.Value.Client);
        Assert.Null(await server.Organizations.FindWithAccountsAsync(Guid.NewGuid().ToString(), ours));
    }
}
