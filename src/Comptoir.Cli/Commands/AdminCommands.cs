using System.CommandLine;
using System.Globalization;
using Comptoir.Core.Banking;
using Comptoir.Core.Money;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;

namespace Comptoir.Cli.Commands;

/// <summary>
/// comptoir admin: organizations, bank accounts, API keys and scoped access tokens, on the same database as serve
/// (and safe while a server runs on it). Secrets are printed once; only their hashes are stored.
/// </summary>
public static class AdminCommands
{
    public static Command Build(CliConsole console)
    {
        var admin = new Command("admin", "Administer organizations, accounts, memberships, labels, credentials, beneficiaries, the payee directory, incoming money, SCA and the review of supplier invoices (works while a server runs).");
        admin.Subcommands.Add(Organizations(console));
        admin.Subcommands.Add(Accounts(console));
        foreach (var command in OrganizationPeopleAdminCommands.Build(console))
        {
            admin.Subcommands.Add(command);
        }

        admin.Subcommands.Add(Keys(console));
        admin.Subcommands.Add(Tokens(console));
        admin.Subcommands.Add(Credentials(console));
        admin.Subcommands.Add(JobAdminCommands.Build(console));
        admin.Subcommands.Add(WebhookAdminCommands.Build(console));
        admin.Subcommands.Add(SupplierInvoiceAdminCommands.Build(console));
        foreach (var command in PaymentAdminCommands.Build(console))
        {
            admin.Subcommands.Add(command);
        }

        return admin;
    }

    private static Command Organizations(CliConsole console)
    {
        var group = new Command("organizations", "Create, list and update organizations.");
        var storage = new StorageOptions();
        var slug = new Option<string>("--slug") { Description = "URL-safe identifier, used in 'Authorization: SLUG:SECRET'.", Required = true };
        var name = new Option<string>("--legal-name") { Description = "Legal name printed on invoices.", Required = true };
        var siren = new Option<string?>("--siren") { Description = "SIREN (9 digits), required for a French organization." };
        var vat = new Option<string?>("--vat-number") { Description = "VAT number (FRkk + SIREN for France)." };
        var country = new Option<string>("--country") { Description = "ISO country code.", DefaultValueFactory = _ => "FR" };
        var address = new Option<string?>("--address") { Description = "Street address." };
        var zip = new Option<string?>("--zip") { Description = "Postcode." };
        var city = new Option<string?>("--city") { Description = "City." };
        var pattern = new Option<string>("--number-pattern") { Description = "Invoice number pattern ({YYYY}, {YY}, {MM}, {SEQ:n}).", DefaultValueFactory = _ => "F-{YYYY}-{SEQ:6}" };
        var transaction = new Option<string>("--transaction-type") { Description = "goods, services or both (billing mode on invoices).", DefaultValueFactory = _ => "services" };
        transaction.AcceptOnlyFromAmong("goods", "services", "both");
        var create = new Command("create", "Create an organization (with the French legal mentions by default).") { slug, name, siren, vat, country, address, zip, city, pattern, transaction };
        storage.AddTo(create);
        create.SetAction(async (parse, ct) =>
        {
            var countryCode = parse.GetValue(country)!.ToUpperInvariant();
            var legalNumber = parse.GetValue(siren);
            if (countryCode == "FR" && (legalNumber is null || legalNumber.Length != 9 || !legalNumber.All(char.IsAsciiDigit)))
            {
                throw new CliException("--siren: a French organization needs its 9-digit SIREN.", ExitCodes.Usage);
            }

            if (!Slugs.IsValid(parse.GetValue(slug)!))
            {
                throw new CliException("--slug: use 3 to 60 lowercase letters, digits and dashes.", ExitCodes.Usage);
            }

            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var store = new OrganizationStore(database, console.Clock);
            OrganizationRow organization;
            try
            {
                organization = await store.CreateAsync(new OrganizationRow
                {
                    Slug = parse.GetValue(slug)!,
                    LegalName = parse.GetValue(name)!,
                    LegalNumber = legalNumber,
                    LegalCountry = countryCode,
                    VatNumber = parse.GetValue(vat),
                    AddressLine1 = parse.GetValue(address),
                    AddressZipcode = parse.GetValue(zip),
                    AddressCity = parse.GetValue(city),
                    AddressCountry = countryCode,
                    Locale = countryCode == "FR" ? "fr" : "en",
                    InvoiceNumberPattern = parse.GetValue(pattern)!,
                    TransactionType = parse.GetValue(transaction),
                    DiscountConditions = countryCode == "FR" ? Core.Invoicing.FrenchLegalMentions.NoEarlyPaymentDiscount : null,
                    LatePaymentPenalties = countryCode == "FR" ? Core.Invoicing.FrenchLegalMentions.LatePaymentPenalties : null,
                    LegalFixedCompensation = countryCode == "FR" ? Core.Invoicing.FrenchLegalMentions.FixedRecoveryCompensation : null,
                }, ct).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message);
            }

            await console.Out.WriteLineAsync($"Created organization {organization.Slug} ({organization.Id}).").ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var listStorage = new StorageOptions();
        var list = new Command("list", "List organizations.");
        listStorage.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(listStorage, parse, console.Clock, ct).ConfigureAwait(false);
            foreach (var organization in await new OrganizationStore(database, console.Clock).ListAsync(ct).ConfigureAwait(false))
            {
                await console.Out.WriteLineAsync($"{organization.Slug}\t{organization.Id}\t{organization.LegalName}\t{organization.LegalNumber}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        group.Subcommands.Add(create);
        group.Subcommands.Add(list);
        group.Subcommands.Add(OrganizationUpdateCommand.Build(console));
        return group;
    }

    private static Command Accounts(CliConsole console)
    {
        var group = new Command("accounts", "Add and list bank accounts.");
        var storage = new StorageOptions();
        var organization = OrganizationOption();
        var name = new Option<string>("--name") { Description = "Account name.", DefaultValueFactory = _ => "Compte courant" };
        var iban = new Option<string>("--iban") { Description = "IBAN (checked: country length and mod-97).", Required = true };
        var bic = new Option<string>("--bic") { Description = "BIC.", Required = true };
        var balance = new Option<string>("--balance") { Description = "Opening balance in EUR, e.g. 1000.00.", DefaultValueFactory = _ => "0.00" };
        var main = new Option<bool>("--main") { Description = "Make it the organization's main account." };
        var add = new Command("add", "Add a bank account to an organization.") { organization, name, iban, bic, balance, main };
        storage.AddTo(add);
        add.SetAction(async (parse, ct) =>
        {
            if (!DecimalText.TryParse(parse.GetValue(balance), out var amount) || amount < 0m || DecimalText.Scale(amount) > 2)
            {
                throw new CliException("--balance: a non-negative amount with at most 2 decimals, like 1000.00.", ExitCodes.Usage);
            }

            if (Iban.Validate(parse.GetValue(iban)!) is { } problem)
            {
                throw new CliException($"--iban {problem}", ExitCodes.Usage);
            }

            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var store = new OrganizationStore(database, console.Clock);
            var owner = await AdminDatabase.OrganizationAsync(store, parse.GetValue(organization)!, ct).ConfigureAwait(false);
            try
            {
                var account = await store.AddAccountAsync(new BankAccountRow
                {
                    OrganizationId = owner.Id,
                    Name = parse.GetValue(name)!,
                    Iban = parse.GetValue(iban)!,
                    Bic = parse.GetValue(bic)!.ToUpperInvariant(),
                    BalanceCents = Rounding.ToCentsInteger(amount),
                    Main = parse.GetValue(main),
                }, ct).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"Added account {account.Id} ({Iban.Format(account.Iban)}) to {owner.Slug}.").ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message);
            }

            return ExitCodes.Success;
        });

        var listStorage = new StorageOptions();
        var listOrganization = OrganizationOption();
        var list = new Command("list", "List an organization's bank accounts.") { listOrganization };
        listStorage.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(listStorage, parse, console.Clock, ct).ConfigureAwait(false);
            var store = new OrganizationStore(database, console.Clock);
            var owner = await AdminDatabase.OrganizationAsync(store, parse.GetValue(listOrganization)!, ct).ConfigureAwait(false);
            foreach (var account in await store.AccountsAsync(owner.Id, ct).ConfigureAwait(false))
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{account.Id}\t{account.Iban}\t{DecimalText.Amount(Rounding.FromCents(account.BalanceCents))} {account.Currency}\t{account.Name}{(account.Main ? "\tmain" : string.Empty)}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        group.Subcommands.Add(add);
        group.Subcommands.Add(list);
        return group;
    }

    private static Command Keys(CliConsole console)
    {
        var group = new Command("keys", "API keys ('Authorization: SLUG:SECRET', every scope of the organization).");
        var storage = new StorageOptions();
        var organization = OrganizationOption();
        var label = new Option<string?>("--label") { Description = "A note to recognise the key by." };
        var membership = MembershipOption();
        var create = new Command("create", "Create an API key; the secret is shown once.") { organization, label, membership };
        storage.AddTo(create);
        create.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var store = new OrganizationStore(database, console.Clock);
            var owner = await AdminDatabase.OrganizationAsync(store, parse.GetValue(organization)!, ct).ConfigureAwait(false);
            var (id, secret) = await CreateOrExplainAsync(() => store.CreateApiKeyAsync(owner.Id, parse.GetValue(label), parse.GetValue(membership), ct)).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"API key {id} created. Its secret is shown only now:").ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Authorization: {owner.Slug}:{secret}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        group.Subcommands.Add(create);
        return group;
    }

    private static Command Tokens(CliConsole console)
    {
        var group = new Command("tokens", "Scoped access tokens ('Authorization: Bearer TOKEN').");
        var storage = new StorageOptions();
        var organization = OrganizationOption();
        var scopes = new Option<string>("--scopes") { Description = $"Comma-separated scopes: {string.Join(", ", Scopes.All)}.", Required = true };
        var expires = new Option<string?>("--expires-in") { Description = "Lifetime, e.g. 1h, 30d (default: no expiry)." };
        var label = new Option<string?>("--label") { Description = "A note to recognise the token by." };
        var membership = MembershipOption();
        var create = new Command("create", "Create an access token limited to some scopes; the token is shown once.") { organization, scopes, expires, label, membership };
        storage.AddTo(create);
        create.SetAction(async (parse, ct) =>
        {
            var granted = Scopes.Parse(parse.GetValue(scopes)!, out var unknown);
            if (unknown.Count > 0 || granted.Count == 0)
            {
                throw new CliException($"--scopes: unknown scope(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Scopes.All)}.", ExitCodes.Usage);
            }

            TimeSpan? lifetime = null;
            if (parse.GetValue(expires) is { } text)
            {
                lifetime = Durations.TryParse(text, out var parsed) && parsed > TimeSpan.Zero ? parsed : throw new CliException($"--expires-in: '{text}' is not a duration (1h, 30d).", ExitCodes.Usage);
            }

            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var store = new OrganizationStore(database, console.Clock);
            var owner = await AdminDatabase.OrganizationAsync(store, parse.GetValue(organization)!, ct).ConfigureAwait(false);
            var (id, token) = await CreateOrExplainAsync(() => store.CreateAccessTokenAsync(owner.Id, granted, lifetime, parse.GetValue(label), parse.GetValue(membership), ct)).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Access token {id} created with scopes {string.Join(",", granted.Order(StringComparer.Ordinal))}. It is shown only now:").ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Authorization: Bearer {token}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        group.Subcommands.Add(create);
        return group;
    }

    private static Command Credentials(CliConsole console)
    {
        var group = new Command("credentials", "List and revoke API keys and access tokens.");
        var storage = new StorageOptions();
        var organization = OrganizationOption();
        var list = new Command("list", "List an organization's API keys and tokens (never their secrets).") { organization };
        storage.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var store = new OrganizationStore(database, console.Clock);
            var owner = await AdminDatabase.OrganizationAsync(store, parse.GetValue(organization)!, ct).ConfigureAwait(false);
            foreach (var credential in await store.CredentialsAsync(owner.Id, ct).ConfigureAwait(false))
            {
                var state = credential.RevokedAt is not null ? "revoked" : credential.ExpiresAt is not null ? $"expires {credential.ExpiresAt}" : "active";
                await console.Out.WriteLineAsync($"{credential.Id}\t{credential.Kind}\t{state}\t{credential.Scopes ?? "all scopes"}\tmembership {credential.MembershipId ?? "owner"}\t{credential.Label}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });

        var revokeStorage = new StorageOptions();
        var id = new Argument<string>("id") { Description = "The key or token id." };
        var revoke = new Command("revoke", "Revoke an API key or access token (effective within 10 seconds on running servers).") { id };
        revokeStorage.AddTo(revoke);
        revoke.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(revokeStorage, parse, console.Clock, ct).ConfigureAwait(false);
            if (!await new OrganizationStore(database, console.Clock).RevokeAsync(parse.GetValue(id)!, ct).ConfigureAwait(false))
            {
                throw new CliException($"No active key or token {parse.GetValue(id)}.", ExitCodes.Failed);
            }

            await console.Out.WriteLineAsync($"Revoked {parse.GetValue(id)}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        group.Subcommands.Add(list);
        group.Subcommands.Add(revoke);
        return group;
    }

    private static Option<string> OrganizationOption() => new("--organization") { Description = "The organization's slug.", Required = true };

    private static Option<string?> MembershipOption() => new("--membership") { Description = "The membership it acts as (see 'admin memberships list'); default: the organization's owner." };

    private static async Task<(string Id, string Secret)> CreateOrExplainAsync(Func<Task<(string, string)>> create)
    {
        try
        {
            return await create().ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
    }
}

/// <summary>Organization slugs: lowercase letters, digits and dashes.</summary>
public static class Slugs
{
    public static bool IsValid(string slug) =>
        slug.Length is >= 3 and <= 60 && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !slug.StartsWith('-') && !slug.EndsWith('-');
}
