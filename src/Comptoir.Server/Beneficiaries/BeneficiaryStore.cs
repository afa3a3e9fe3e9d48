using Comptoir.Core.Banking;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Beneficiaries;

/// <summary>Filters of GET /v2/sepa/beneficiaries.</summary>
public sealed record BeneficiaryQuery(IReadOnlyList<string> Ibans, IReadOnlyList<string> Statuses, bool? Trusted, string? UpdatedFrom, string? UpdatedTo, string SortField, bool Descending);

/// <summary>Beneficiaries: created, validated and trusted by administrators (as in the web app), read through the API.</summary>
public sealed class BeneficiaryStore(Database database, TimeProvider clock)
{
    
    public async Task<BeneficiaryRow> AddAsync(string organizationId, string name, string iban, string? bic, bool trusted, string status = BeneficiaryStatus.Validated, CancellationToken cancellationToken = default)
    {
        if (Iban.Validate(iban) is { } problem)
        {
            throw new ArgumentException($"IBAN {problem}");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 140)
        {
            throw new ArgumentException("The beneficiary name needs 1 to 140 characters.");
        }

        var now = Timestamps.ToText(clock.GetUtcNow());
        var row = new BeneficiaryRow
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organizationId,
            Name = name.Trim(),
            Iban = Iban.Normalize(iban),
            Bic = bic?.Trim().ToUpperInvariant(),
            Status = status,
            Trusted = trusted,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO beneficiaries (id, organization_id, name, iban, bic, email, activity_tag, status, trusted, created_at, updated_at) VALUES (@Id, @OrganizationId, @Name, @Iban, @Bic, @Email, @ActivityTag, @Status, @Trusted, @CreatedAt, @UpdatedAt)",
            row, t), cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>Trusts or untrusts a beneficiary; false when there is none with that id.</summary>
    public async Task<bool> SetTrustedAsync(string id, bool trusted, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((c, t) => c.ExecuteAsync("UPDATE beneficiaries SET trusted = @trusted, updated_at = @now WHERE id = @id",
            new { id, trusted, now = Timestamps.ToText(clock.GetUtcNow()) }, t), cancellationToken).ConfigureAwait(false) == 1;

    public Task<BeneficiaryRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<BeneficiaryRow>("SELECT * FROM beneficiaries WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    public async Task<(IReadOnlyList<BeneficiaryRow> Page, long Total)> ListAsync(string organizationId, BeneficiaryQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter("organization_id = @organizationId", new { organizationId })
            .In("iban", query.Ibans.Select(Iban.Normalize).ToList())
            .In("status", query.Statuses)
            .Compare("trusted", "=", query.Trusted)
            .Compare("updated_at", ">=", query.UpdatedFrom)
            .Compare("updated_at", "<=", query.UpdatedTo);
        var (where, parameters) = (filter.Where, filter.Parameters);
        var column = query.SortField switch { "name" => "name", "created_at" => "created_at", _ => "updated_at" };
        var direction = query.Descending ? "DESC" : "ASC";
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);
        return await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM beneficiaries WHERE {where}", parameters).ConfigureAwait(false);
            var rows = await c.QueryAsync<BeneficiaryRow>($"SELECT * FROM beneficiaries WHERE {where} ORDER BY {column} {direction}, id {direction} LIMIT @limit OFFSET @offset", parameters).ConfigureAwait(false);
            return ((IReadOnlyList<BeneficiaryRow>)rows.ToList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }
}
