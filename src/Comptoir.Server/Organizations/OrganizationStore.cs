using Comptoir.Server.Transactions;
using System.Data.Common;
using System.Globalization;
using Comptoir.Core.Banking;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Clients;
using Comptoir.Server.Memberships;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Organizations;

/// <summary>Organizations, their bank accounts and credentials: what administrators create and the API reads.</summary>
[PublicSurface]
public sealed class OrganizationStore(Database database, TimeProvider clock)
{
    internal const string SelectOrganization = "SELECT * FROM organizations WHERE id = @id";
    internal const string SelectAccounts = "SELECT * FROM bank_accounts WHERE organization_id = @organizationId ORDER BY main DESC, created_at, id";

    private static readonly string[] OrganizationColumns =
    [
        "id", "slug", "legal_name", "legal_number", "legal_form", "legal_sector", "legal_registration_date", "legal_country",
        "legal_share_capital_cents", "locale", "vat_number", "address_line_1", "address_line_2", "address_zipcode", "address_city",
        "address_country", "commercial_register_number", "company_leadership", "transaction_type", "vat_payment_condition",
        "discount_conditions", "late_payment_penalties", "legal_fixed_compensation", "contact_email", "invoice_number_pattern",
        "automatic_numbering", "contract_signed_at", "created_at", "updated_at",
    ];

    private static readonly string[] AccountColumns =
    [
        "id", "organization_id", "slug", "name", "iban", "bic", "currency", "balance_cents", "authorized_balance_cents", "status",
        "main", "is_external_account", "account_number", "created_at", "updated_at",
    ];


    public async Task<OrganizationRow> CreateAsync(OrganizationRow organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var now = Timestamps.ToText(clock.GetUtcNow());
        organization.Id = string.IsNullOrEmpty(organization.Id) ? Guid.CreateVersion7().ToString() : organization.Id;
        organization.CreatedAt = organization.UpdatedAt = now;
        if (!NumberPattern.TryParse(organization.InvoiceNumberPattern, out _, out var problem))
        {
            throw new ArgumentException($"Invoice number pattern: {problem}");
        }

        try
        {
            // An organization never exists without its owner: the membership its first credentials act as.
            await database.WriteAsync(async (c, t) =>
            {
                await c.ExecuteAsync(Insert("organizations", OrganizationColumns), organization, t).ConfigureAwait(false);
                return await MembershipStore.AddOwnerAsync(c, t, organization.Id, organization.LegalName, organization.ContactEmail, clock.GetUtcNow()).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            throw new ArgumentException($"An organization with slug '{organization.Slug}' already exists.", e);
        }

        return organization;
    }

    /// <summary>
    /// Changes an organization's legal name, VAT number or address (the fields given; null leaves one as it is), with
    /// its v1/organizations "updated" event. Null when there is no such organization.
    /// </summary>
    public Task<OrganizationRow?> UpdateAsync(string id, OrganizationChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.LegalName is { } name && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("The legal name cannot be empty.");
        }

        return database.WriteAsync(async (c, t) =>
        {
            var organization = await c.QuerySingleOrDefaultAsync<OrganizationRow>(SelectOrganization + database.ForUpdate, new { id }, t).ConfigureAwait(false);
            if (organization is null)
            {
                return null;
            }

            var now = Timestamps.ToText(clock.GetUtcNow());
            organization.LegalName = changes.LegalName ?? organization.LegalName;
            organization.VatNumber = changes.VatNumber ?? organization.VatNumber;
            organization.AddressLine1 = changes.AddressLine1 ?? organization.AddressLine1;
            organization.AddressZipcode = changes.AddressZipcode ?? organization.AddressZipcode;
            organization.AddressCity = changes.AddressCity ?? organization.AddressCity;
            organization.UpdatedAt = now;
            await c.ExecuteAsync(
                "UPDATE organizations SET legal_name = @LegalName, vat_number = @VatNumber, address_line_1 = @AddressLine1, address_zipcode = @AddressZipcode, address_city = @AddressCity, updated_at = @UpdatedAt WHERE id = @Id",
                organization, t).ConfigureAwait(false);
            await OrganizationEvents.UpdatedAsync(c, t, id, now).ConfigureAwait(false);
            return organization;
        }, cancellationToken);
    }

    public Task<OrganizationRow?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<OrganizationRow>(SelectOrganization, new { id }), cancellationToken);

    public Task<OrganizationRow?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<OrganizationRow>("SELECT * FROM organizations WHERE slug = @slug", new { slug }), cancellationToken);

    public async Task<IReadOnlyList<OrganizationRow>> ListAsync(CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(c => c.QueryAsync<OrganizationRow>("SELECT * FROM organizations ORDER BY created_at, id"), cancellationToken).ConfigureAwait(false)).ToList();

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default) =>
        await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM organizations"), cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>Adds an account; a valid IBAN is required and unique across the server.</summary>
    public async Task<BankAccountRow> AddAccountAsync(BankAccountRow account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Iban.Validate(account.Iban) is { } problem)
        {
            throw new ArgumentException($"IBAN {problem}");
        }

        account.Iban = Iban.Normalize(account.Iban);
        var now = Timestamps.ToText(clock.GetUtcNow());
        account.Id = string.IsNullOrEmpty(account.Id) ? Guid.CreateVersion7().ToString() : account.Id;
        account.CreatedAt = account.UpdatedAt = now;
        account.Slug = string.IsNullOrEmpty(account.Slug) ? $"{account.OrganizationId[..8]}-account-{account.Id[^6..]}" : account.Slug;
        try
        {
            var opening = account.BalanceCents;
            account.BalanceCents = account.AuthorizedBalanceCents = 0;
            await database.WriteAsync(async (c, t) =>
            {
                if (account.Main)
                {
                    await c.ExecuteAsync("UPDATE bank_accounts SET main = @no WHERE organization_id = @org", new { no = false, org = account.OrganizationId }, t).ConfigureAwait(false);
                }

                await c.ExecuteAsync(Insert("bank_accounts", AccountColumns), account, t).ConfigureAwait(false);
                if (opening > 0)
                {
                    await Ledger.CreditWithTransactionAsync(c, t, account.OrganizationId, account.Id, opening, "Solde d'ouverture", null, null, null, "income", now).ConfigureAwait(false);
                }

                // GET /v2/organization lists the accounts: one more is a change of the organization.
                await OrganizationEvents.UpdatedAsync(c, t, account.OrganizationId, now).ConfigureAwait(false);
                return 0;
            }, cancellationToken).ConfigureAwait(false);
            account.BalanceCents = account.AuthorizedBalanceCents = opening;
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            throw new ArgumentException($"IBAN {account.Iban} is already held by an account on this server.", e);
        }

        return account;
    }

    /// <summary>
    /// An organization with its accounts in one read (one round trip on PostgreSQL): what every invoice write needs.
    /// Null when there is no such organization.
    /// </summary>
    public async Task<(OrganizationRow Organization, IReadOnlyList<BankAccountRow> Accounts)?> FindWithAccountsAsync(string id, CancellationToken cancellationToken = default) =>
        await FindWithAccountsAsync(id, null, cancellationToken).ConfigureAwait(false) is { } found ? (found.Organization, found.Accounts) : null;

    /// <summary>
    /// An organization with its accounts and, when <paramref name="clientId"/> is given, that client of the
    /// organization (null when it is not one), in one read: what creating an invoice needs. Null when there is no
    /// such organization.
    /// </summary>
    public Task<(OrganizationRow Organization, IReadOnlyList<BankAccountRow> Accounts, ClientRow? Client)?> FindWithAccountsAsync(string id, string? clientId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<(OrganizationRow, IReadOnlyList<BankAccountRow>, ClientRow?)?>(async c =>
        {
            var sql = clientId is null ? $"{SelectOrganization}; {SelectAccounts}" : $"{SelectOrganization}; {SelectAccounts}; {ClientStore.SelectOfOrganization}";
            using var results = await c.QueryMultipleAsync(sql, new { id, organizationId = id, clientId }).ConfigureAwait(false);
            var organization = await results.ReadSingleOrDefaultAsync<OrganizationRow>().ConfigureAwait(false);
            var accounts = (await results.ReadAsync<BankAccountRow>().ConfigureAwait(false)).ToList();
            var client = clientId is null ? null : await results.ReadSingleOrDefaultAsync<ClientRow>().ConfigureAwait(false);
            return organization is null ? null : (organization, accounts, client);
        }, cancellationToken);

    public async Task<IReadOnlyList<BankAccountRow>> AccountsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(c => c.QueryAsync<BankAccountRow>(SelectAccounts, new { organizationId }), cancellationToken).ConfigureAwait(false)).ToList();

    /// <summary>Creates an API key acting as the organization's owner; the secret is returned once and only its hash is kept.</summary>
    public Task<(string Id, string Secret)> CreateApiKeyAsync(string organizationId, string? label, CancellationToken cancellationToken = default) =>
        CreateApiKeyAsync(organizationId, label, membershipId: null, cancellationToken);

    /// <summary>Creates an API key acting as <paramref name="membershipId"/> (null: the owner); throws when it is not the organization's.</summary>
    public async Task<(string Id, string Secret)> CreateApiKeyAsync(string organizationId, string? label, string? membershipId, CancellationToken cancellationToken = default)
    {
        var secret = Secrets.New();
        var id = Guid.CreateVersion7().ToString();
        await database.WriteAsync(async (c, t) =>
        {
            var member = await MembershipStore.ResolveForCredentialAsync(c, t, organizationId, membershipId).ConfigureAwait(false);
            return await c.ExecuteAsync(
                "INSERT INTO api_keys (id, organization_id, secret_hash, label, created_at, membership_id) VALUES (@id, @organizationId, @hash, @label, @now, @member)",
                new { id, organizationId, hash = Secrets.Hash(secret), label, now = Timestamps.ToText(clock.GetUtcNow()), member }, t).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return (id, secret);
    }

    /// <summary>Creates a scoped access token acting as the organization's owner (used as "Authorization: Bearer ..."); returned once, stored hashed.</summary>
    public Task<(string Id, string Token)> CreateAccessTokenAsync(string organizationId, IReadOnlySet<string> scopes, TimeSpan? lifetime, string? label, CancellationToken cancellationToken = default) =>
        CreateAccessTokenAsync(organizationId, scopes, lifetime, label, membershipId: null, cancellationToken);

    /// <summary>Creates a scoped access token acting as <paramref name="membershipId"/> (null: the owner); throws when it is not the organization's.</summary>
    public async Task<(string Id, string Token)> CreateAccessTokenAsync(string organizationId, IReadOnlySet<string> scopes, TimeSpan? lifetime, string? label, string? membershipId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var token = Secrets.New("cpt_");
        var id = Guid.CreateVersion7().ToString();
        var now = clock.GetUtcNow();
        await database.WriteAsync(async (c, t) =>
        {
            var member = await MembershipStore.ResolveForCredentialAsync(c, t, organizationId, membershipId).ConfigureAwait(false);
            return await c.ExecuteAsync(
                "INSERT INTO access_tokens (id, organization_id, token_hash, scopes, label, created_at, expires_at, membership_id) VALUES (@id, @organizationId, @hash, @scopes, @label, @now, @expires, @member)",
                new
                {
                    id, organizationId, hash = Secrets.Hash(token), scopes = string.Join(',', scopes.Order(StringComparer.Ordinal)), label,
                    now = Timestamps.ToText(now), expires = lifetime is { } l ? Timestamps.ToText(now + l) : null, member,
                }, t).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return (id, token);
    }

    public async Task<IReadOnlyList<CredentialInfo>> CredentialsAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(c => c.QueryAsync<CredentialInfo>(
            "SELECT id, 'api_key' AS kind, label, NULL AS scopes, created_at, NULL AS expires_at, revoked_at, membership_id FROM api_keys WHERE organization_id = @organizationId " +
            "UNION ALL SELECT id, 'access_token' AS kind, label, scopes, created_at, expires_at, revoked_at, membership_id FROM access_tokens WHERE organization_id = @organizationId ORDER BY created_at",
            new { organizationId }), cancellationToken).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>Revokes an API key or access token by id; false when there is none.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = Timestamps.ToText(clock.GetUtcNow());
        var count = await database.WriteAsync(async (c, t) =>
            await c.ExecuteAsync("UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now }, t).ConfigureAwait(false)
            + await c.ExecuteAsync("UPDATE access_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now }, t).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return count > 0;
    }

    private static string Insert(string table, string[] columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + ToPascal(c)))})";

    private static string ToPascal(string column) =>
        string.Concat(column.Split('_').Select(part => part.Length == 0 ? part : char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
}

/// <summary>An API key or access token as listed by administrators (never the secret).</summary>
public sealed class CredentialInfo
{
    public string Id { get; set; } = string.Empty;
    public string Kind { get; set; } = string.Empty;
    public string? Label { get; set; }
    public string? Scopes { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string? ExpiresAt { get; set; }
    public string? RevokedAt { get; set; }

    /// <summary>The membership the credential acts as (null only for one written by a server older than memberships: the owner).</summary>
    public string? MembershipId { get; set; }
}

/// <summary>What an administrator changes in an organization; null leaves a field as it is.</summary>
public sealed record OrganizationChanges(string? LegalName = null, string? VatNumber = null, string? AddressLine1 = null, string? AddressZipcode = null, string? AddressCity = null);
