using System.CommandLine;
using Comptoir.Server.Labels;
using Comptoir.Server.Memberships;
using Comptoir.Server.Organizations;

namespace Comptoir.Cli.Commands;

/// <summary>comptoir admin memberships | labels: who acts for an organization, and the labels its transactions carry.</summary>
public static class OrganizationPeopleAdminCommands
{
    public static IEnumerable<Command> Build(CliConsole console)
    {
        yield return Memberships(console);
        yield return Labels(console);
    }

    private static Command Memberships(CliConsole console)
    {
        var group = new Command("memberships", "People acting for an organization; every API key and token belongs to one (the owner's by default).");
        var storage = new StorageOptions();
        var organization = OrganizationOption();
        var firstName = new Option<string>("--first-name") { Description = "First name.", Required = true };
        var lastName = new Option<string>("--last-name") { Description = "Last name.", Required = true };
        var email = new Option<string?>("--email") { Description = "Email address." };
        var role = new Option<string>("--role") { Description = "Role (the owner comes with the organization).", DefaultValueFactory = _ => MembershipRoles.Employee };
        role.AcceptOnlyFromAmong([.. MembershipRoles.All.Where(r => r != MembershipRoles.Owner)]);
        var add = new Command("add", "Add a membership; give its id to 'keys create' or 'tokens create' with --membership.") { organization, firstName, lastName, email, role };
        storage.AddTo(add);
        add.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var owner = await AdminDatabase.OrganizationAsync(new OrganizationStore(database, console.Clock), parse.GetValue(organization)!, ct).ConfigureAwait(false);
            try
            {
                var row = await new MembershipStore(database, console.Clock).AddAsync(owner.Id, parse.GetValue(firstName)!, parse.GetValue(lastName)!, parse.GetValue(email), parse.GetValue(role)!, ct).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"Membership {row.Id} ({row.FirstName} {row.LastName}, {row.Role}) added to {owner.Slug}.").ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.Usage);
            }

            return ExitCodes.Success;
        });

        var listStorage = new StorageOptions();
        var listOrganization = OrganizationOption();
        var list = new Command("list", "List an organization's memberships.") { listOrganization };
        listStorage.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(listStorage, parse, console.Clock, ct).ConfigureAwait(false);
            var owner = await AdminDatabase.OrganizationAsync(new OrganizationStore(database, console.Clock), parse.GetValue(listOrganization)!, ct).ConfigureAwait(false);
            var store = new MembershipStore(database, console.Clock);
            for (var offset = 0; ; offset += 100)
            {
                var (page, _) = await store.ListAsync(owner.Id, offset, 100, ct).ConfigureAwait(false);
                foreach (var m in page)
                {
                    await console.Out.WriteLineAsync($"{m.Id}\t{m.Role}\t{m.FirstName} {m.LastName}\t{m.Email}").ConfigureAwait(false);
                }

                if (page.Count < 100)
                {
                    return ExitCodes.Success;
                }
            }
        });
        group.Subcommands.Add(add);
        group.Subcommands.Add(list);
        return group;
    }

    private static Command Labels(CliConsole console)
    {
        var group = new Command("labels", "Labels an organization's transactions can carry (set through PATCH /v2/transactions/{id}).");
        var storage = new StorageOptions();
        var organization = OrganizationOption();
        var name = new Option<string>("--name") { Description = "Label name (1 to 100 characters).", Required = true };
        var parent = new Option<string?>("--parent") { Description = "The id of the label it sits under." };
        var add = new Command("add", "Add a label.") { organization, name, parent };
        storage.AddTo(add);
        add.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var owner = await AdminDatabase.OrganizationAsync(new OrganizationStore(database, console.Clock), parse.GetValue(organization)!, ct).ConfigureAwait(false);
            try
            {
                var row = await new LabelStore(database, console.Clock).AddAsync(owner.Id, parse.GetValue(name)!, parse.GetValue(parent), ct).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"Label {row.Id} ({row.Name}) added to {owner.Slug}.").ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.Usage);
            }

            return ExitCodes.Success;
        });

        var listStorage = new StorageOptions();
        var listOrganization = OrganizationOption();
        var list = new Command("list", "List an organization's labels.") { listOrganization };
        listStorage.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(listStorage, parse, console.Clock, ct).ConfigureAwait(false);
            var owner = await AdminDatabase.OrganizationAsync(new OrganizationStore(database, console.Clock), parse.GetValue(listOrganization)!, ct).ConfigureAwait(false);
            var store = new LabelStore(database, console.Clock);
            for (var offset = 0; ; offset += 100)
            {
                var (page, _) = await store.ListAsync(owner.Id, offset, 100, ct).ConfigureAwait(false);
                foreach (var label in page)
                {
                    await console.Out.WriteLineAsync($"{label.Id}\t{label.Name}\t{label.ParentId}").ConfigureAwait(false);
                }

                if (page.Count < 100)
                {
                    return ExitCodes.Success;
                }
            }
        });
        group.Subcommands.Add(add);
        group.Subcommands.Add(list);
        return group;
    }

    private static Option<string> OrganizationOption() => new("--organization") { Description = "The organization's slug.", Required = true };
}
