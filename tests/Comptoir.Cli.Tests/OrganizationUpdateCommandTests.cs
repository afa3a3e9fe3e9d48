using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;

namespace Comptoir.Cli.Tests;

/// <summary>comptoir admin organizations update: only the fields given change; a call that changes nothing is refused.</summary>
public sealed class OrganizationUpdateCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-admin-update-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private CliRun Admin(params string[] args) => CliRun.Invoke(["admin", .. args, "--data", _data]);

    [Fact]
    public async Task The_options_given_change_and_the_others_stay()
    {
        Assert.Equal(0, Admin("organizations", "create", "--slug", "boulangerie-martin", "--legal-name", "Boulangerie Martin SARL", "--siren", "552100554", "--vat-number", "FR40552100554", "--address", "1 rue du Port", "--city", "Lyon").ExitCode);

        var updated = Admin("organizations", "update", "--organization", "boulangerie-martin", "--legal-name", "Boulangerie Martin SAS", "--city", "Nantes");
        Assert.Equal(0, updated.ExitCode);
        Assert.Contains("Updated organization boulangerie-martin", updated.Out, StringComparison.Ordinal);

        await using var database = Database.Open(null, _data);
        var organization = (await new OrganizationStore(database, TimeProvider.System).FindBySlugAsync("boulangerie-martin"))!;
        Assert.Equal(("Boulangerie Martin SAS", "Nantes", "1 rue du Port", "FR40552100554"), (organization.LegalName, organization.AddressCity, organization.AddressLine1, organization.VatNumber));

        var nothing = Admin("organizations", "update", "--organization", "boulangerie-martin");
        Assert.Equal(ExitCodes.Usage, nothing.ExitCode);
        Assert.Contains("Nothing to change", nothing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, Admin("organizations", "update", "--organization", "boulangerie-martin", "--legal-name", " ").ExitCode);
        Assert.Equal(ExitCodes.Failed, Admin("organizations", "update", "--organization", "nobody", "--city", "Paris").ExitCode);
    }
}
