using System.Data.Common;
using Comptoir.Core.Banking;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Beneficiaries;

/// <summary>Filters of GET /v2/sepa/beneficiaries; <paramref name="Name"/> is part of the name, accents and case ignored.</summary>
public sealed record BeneficiaryQuery(IReadOnlyList<string> Ibans, IReadOnlyList<string> Statuses, bool? Trusted, string? UpdatedFrom, string? UpdatedTo, string SortField, bool Descending, string? Name = null);

/// <summary>The editable fields of a beneficiary (PATCH): null leaves a field as it is.</summary>
public sealed record BeneficiaryChanges(string? Name, string? Email, string? ActivityTag);

/// <summary>
/// Beneficiaries: added by administrators or through the API (untrusted), renamed through the API, trusted by
/// administrators or by a credential holding beneficiary.trust.
/// </summary>
public sealed class BeneficiaryStore(Database database, TimeProvider clock)
{
    private const string Columns = "id, organization_id, name, iban, bic, email, activity_tag, status, trusted, created_at, updated_at, search_name";

    /// <summary>
    /// Adds a beneficiary. Its BIC is the one given, else that of a bank the server knows for the IBAN, else the SEPA
    /// placeholder NOTPROVIDED (callers that must not record one check <see cref="KnownBicAsync"/> first).
    /// </summary>
    public Task<BeneficiaryRow> AddAsync(string organizationId, string name, string iban, string? bic, bool trusted, string status = BeneficiaryStatus.Validated, CancellationToken cancellationToken = default) =>
        AddAsync(organizationId, name, iban, bic, null, null, trusted, status, null, cancellationToken);

    /// <summary>Adds a beneficiary with all its fields; the hook runs in the same transaction (the idempotent reply).</summary>
    public async Task<BeneficiaryRow> AddAsync(string organizationId, string name, string iban, string? bic, string? email, string? activityTag, bool trusted, string status,
        AlsoInTransaction<BeneficiaryRow>? alsoInTransaction, CancellationToken cancellationToken = default)
    {
        if (Iban.Validate(iban) is { } problem)
        {
            throw new ArgumentException($"IBAN {problem}");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 140)
        {
            throw new ArgumentException("The beneficiary name needs 1 to 140 characters.");
        }

        var given = bic?.Trim().ToUpperInvariant();
        if (given is not null && !BeneficiaryBics.IsValid(given))
        {
            throw new ArgumentException($"BIC '{bic}' is not 8 or 11 letters and digits.");
        }

        var now = Timestamps.ToText(clock.GetUtcNow());
        var row = new BeneficiaryRow
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organizationId,
            Name = name.Trim(),
            SearchName = SearchText.Fold(name.Trim()),
            Iban = Iban.Normalize(iban),
            Email = email,
            ActivityTag = activityTag,
            Status = status,
            Trusted = trusted,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await database.WriteAsync(async (c, t) =>
        {
            row.Bic = given ?? await BeneficiaryBics.KnownAsync(c, t, row.Iban).ConfigureAwait(false) ?? BeneficiaryBics.NotProvided;
            await c.ExecuteAsync(
                $"INSERT INTO beneficiaries ({Columns}) VALUES (@Id, @OrganizationId, @Name, @Iban, @Bic, @Email, @ActivityTag, @Status, @Trusted, @CreatedAt, @UpdatedAt, @SearchName)",
                row, t).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, row).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>The BIC of a bank the server knows for <paramref name="iban"/>, or null.</summary>
    public Task<string?> KnownBicAsync(string iban, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => BeneficiaryBics.KnownAsync(c, null, iban), cancellationToken);

    /// <summary>Applies <paramref name="changes"/>; null when the organization has no such beneficiary.</summary>
    public async Task<BeneficiaryRow?> UpdateAsync(string organizationId, string id, BeneficiaryChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = Timestamps.ToText(clock.GetUtcNow());
        return await database.WriteAsync(async (c, t) =>
        {
            var row = await FindAsync(c, t, organizationId, id).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            if (changes.Name is { } name)
            {
                row.Name = name.Trim();
                row.SearchName = SearchText.Fold(row.Name);
            }

            row.Email = changes.Email ?? row.Email;
            row.ActivityTag = changes.ActivityTag ?? row.ActivityTag;
            row.UpdatedAt = now;
            await c.ExecuteAsync("UPDATE beneficiaries SET name = @Name, search_name = @SearchName, email = @Email, activity_tag = @ActivityTag, updated_at = @UpdatedAt WHERE id = @Id", row, t).ConfigureAwait(false);
            return row;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Trusts or untrusts a beneficiary; false when there is none with that id.</summary>
    public async Task<bool> SetTrustedAsync(string id, bool trusted, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((c, t) => c.ExecuteAsync("UPDATE beneficiaries SET trusted = @trusted, updated_at = @now WHERE id = @id",
            new { id, trusted, now = Timestamps.ToText(clock.GetUtcNow()) }, t), cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>
    /// Trusts or untrusts several beneficiaries of the organization at once: all of them or, when an id is not one of
    /// its beneficiaries, none (that id is returned as missing). Returns the beneficiaries as they now are.
    /// </summary>
    public async Task<(IReadOnlyList<BeneficiaryRow> Changed, string? Missing)> SetTrustedAsync(string organizationId, IReadOnlyList<string> ids, bool trusted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var now = Timestamps.ToText(clock.GetUtcNow());
        return await database.WriteAsync<(IReadOnlyList<BeneficiaryRow>, string?)>(async (c, t) =>
        {
            var rows = new List<BeneficiaryRow>(ids.Count);
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                var row = await FindAsync(c, t, organizationId, id).ConfigureAwait(false);
                if (row is null)
                {
                    return ([], id);
                }

                rows.Add(row);
            }

            foreach (var row in rows)
            {
                row.Trusted = trusted;
                row.UpdatedAt = now;
                await c.ExecuteAsync("UPDATE beneficiaries SET trusted = @Trusted, updated_at = @UpdatedAt WHERE id = @Id", row, t).ConfigureAwait(false);
            }

            return (rows, null);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<BeneficiaryRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<BeneficiaryRow>($"SELECT {Columns} FROM beneficiaries WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    public async Task<(IReadOnlyList<BeneficiaryRow> Page, long Total)> ListAsync(string organizationId, BeneficiaryQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter("organization_id = @organizationId", new { organizationId })
            .In("iban", query.Ibans.Select(Iban.Normalize).ToList())
            .In("status", query.Statuses)
            .Compare("trusted", "=", query.Trusted)
            .Compare("updated_at", ">=", query.UpdatedFrom)
            .Compare("updated_at", "<=", query.UpdatedTo);
        if (query.Name is { } name)
        {
            filter.And("search_name LIKE @name ESCAPE '\\'", "name", SearchText.LikeContains(SearchText.Fold(name.Trim())));
        }

        var (where, parameters) = (filter.Where, filter.Parameters);
        var column = query.SortField switch { "name" => "name", "created_at" => "created_at", _ => "updated_at" };
        var direction = query.Descending ? "DESC" : "ASC";
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);
        return await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM beneficiaries WHERE {where}", parameters).ConfigureAwait(false);
            var rows = await c.QueryAsync<BeneficiaryRow>($"SELECT {Columns} FROM beneficiaries WHERE {where} ORDER BY {column} {direction}, id {direction} LIMIT @limit OFFSET @offset", parameters).ConfigureAwait(false);
            return ((IReadOnlyList<BeneficiaryRow>)rows.ToList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static Task<BeneficiaryRow?> FindAsync(DbConnection connection, DbTransaction transaction, string organizationId, string id) =>
        connection.QuerySingleOrDefaultAsync<BeneficiaryRow>($"SELECT {Columns} FROM beneficiaries WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }, transaction);
}
