using System.Data.Common;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Memberships;

/// <summary>Memberships: created by administrators (the owner one with its organization), read through the API.</summary>
[PublicSurface]
public sealed class MembershipStore(Database database, TimeProvider clock)
{
    private const string Columns =
        "id, organization_id, first_name, last_name, email, role, status, residence_country, birthdate, nationality, birth_country, ubo, created_at, updated_at";

    /// <summary>Adds a membership (not an owner: the owner comes with the organization).</summary>
    public async Task<MembershipRow> AddAsync(string organizationId, string firstName, string lastName, string? email, string role, CancellationToken cancellationToken = default)
    {
        if (!MembershipRoles.All.Contains(role) || role == MembershipRoles.Owner)
        {
            throw new ArgumentException($"role must be one of {string.Join(", ", MembershipRoles.All.Where(r => r != MembershipRoles.Owner))} (the owner comes with the organization).");
        }

        var row = New(organizationId, firstName, lastName, email, role, clock.GetUtcNow());
        await database.WriteAsync((c, t) => InsertAsync(c, t, row), cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>Writes the owner membership of a new organization, in the caller's transaction.</summary>
    public static async Task<MembershipRow> AddOwnerAsync(DbConnection connection, DbTransaction transaction, string organizationId, string legalName, string? email, DateTimeOffset now)
    {
        var row = New(organizationId, "Owner", legalName, email, MembershipRoles.Owner, now);
        await InsertAsync(connection, transaction, row).ConfigureAwait(false);
        return row;
    }

    /// <summary>
    /// The membership a new credential acts as: <paramref name="membershipId"/> when it is one of the organization's,
    /// else (null) the organization's owner. Throws when the id names no membership of the organization.
    /// </summary>
    public static async Task<string> ResolveForCredentialAsync(DbConnection connection, DbTransaction transaction, string organizationId, string? membershipId)
    {
        var found = membershipId is null
            ? await connection.ExecuteScalarAsync<string?>("SELECT id FROM memberships WHERE organization_id = @organizationId AND role = 'owner' ORDER BY created_at, id LIMIT 1", new { organizationId }, transaction).ConfigureAwait(false)
            : await connection.ExecuteScalarAsync<string?>("SELECT id FROM memberships WHERE organization_id = @organizationId AND id = @membershipId", new { organizationId, membershipId }, transaction).ConfigureAwait(false);
        return found ?? throw new ArgumentException(membershipId is null ? "The organization has no owner membership." : $"No membership {membershipId} in this organization.");
    }

    public Task<MembershipRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<MembershipRow>($"SELECT {Columns} FROM memberships WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    public async Task<(IReadOnlyList<MembershipRow> Page, long Total)> ListAsync(string organizationId, int offset, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM memberships WHERE organization_id = @organizationId", new { organizationId }).ConfigureAwait(false);
            var rows = await c.QueryAsync<MembershipRow>($"SELECT {Columns} FROM memberships WHERE organization_id = @organizationId ORDER BY created_at, id LIMIT @limit OFFSET @offset",
                new { organizationId, limit, offset }).ConfigureAwait(false);
            return ((IReadOnlyList<MembershipRow>)rows.ToList(), total);
        }, cancellationToken).ConfigureAwait(false);

    private static MembershipRow New(string organizationId, string firstName, string lastName, string? email, string role, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(firstName) || string.IsNullOrWhiteSpace(lastName) || firstName.Length > 100 || lastName.Length > 200)
        {
            throw new ArgumentException("A membership needs a first name (1 to 100 characters) and a last name (1 to 200).");
        }

        var at = Timestamps.ToText(now);
        return new MembershipRow
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organizationId,
            FirstName = firstName.Trim(),
            LastName = lastName.Trim(),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            Role = role,
            Status = "active",
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    private static Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, MembershipRow row) =>
        connection.ExecuteAsync(
            $"INSERT INTO memberships ({Columns}) VALUES (@Id, @OrganizationId, @FirstName, @LastName, @Email, @Role, @Status, @ResidenceCountry, @Birthdate, @Nationality, @BirthCountry, @Ubo, @CreatedAt, @UpdatedAt)",
            row, transaction);
}
