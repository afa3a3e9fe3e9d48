using System.CommandLine;
using Comptoir.Server.Organizations;

namespace Comptoir.Cli.Commands;

/// <summary>
/// comptoir admin organizations update: what the web app lets an owner change (legal name, VAT number, address). The
/// change is sent to v1/organizations webhook subscribers in the transaction that makes it.
/// </summary>
public static class OrganizationUpdateCommand
{
    public static Command Build(CliConsole console)
    {
        var storage = new StorageOptions();
        var organization = new Option<string>("--organization") { Description = "The organization's slug.", Required = true };
        var name = new Option<string?>("--legal-name") { Description = "New legal name." };
        var vat = new Option<string?>("--vat-number") { Description = "New VAT number." };
        var address = new Option<string?>("--address") { Description = "New street address." };
        var zip = new Option<string?>("--zip") { Description = "New postcode." };
        var city = new Option<string?>("--city") { Description = "New city." };
        var update = new Command("update", "Change an organization's legal name, VAT number or address (only the options given).") { organization, name, vat, address, zip, city };
        storage.AddTo(update);
        update.SetAction(async (parse, ct) =>
        {
            var changes = new OrganizationChanges(parse.GetValue(name), parse.GetValue(vat), parse.GetValue(address), parse.GetValue(zip), parse.GetValue(city));
            if (changes == new OrganizationChanges())
            {
                throw new CliException("Nothing to change: give at least one of --legal-name, --vat-number, --address, --zip, --city.", ExitCodes.Usage);
            }

            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var store = new OrganizationStore(database, console.Clock);
            var found = await AdminDatabase.OrganizationAsync(store, parse.GetValue(organization)!, ct).ConfigureAwait(false);
            try
            {
                var updated = await store.UpdateAsync(found.Id, changes, ct).ConfigureAwait(false)
                    ?? throw new CliException($"The organization '{found.Slug}' is gone.", ExitCodes.Failed);
                await console.Out.WriteLineAsync($"Updated organization {updated.Slug} ({updated.Id}).").ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.Usage);
            }

            return ExitCodes.Success;
        });
        return update;
    }
}
