using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Labels;

/// <summary>Labels: created by administrators (as in the web app), read through the API and set on transactions.</summary>
[PublicSurface]
public sealed class LabelStore(Database database, TimeProvider clock)
{
    /// <summary>Adds a label, under <paramref name="parentId"/> when given (a label of the same organization).</summary>
    public async Task<LabelRow> AddAsync(string organizationId, string name, string? parentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("A label name needs 1 to 100 characters.");
        }

        var now = Timestamps.ToText(clock.GetUtcNow());
        var row = new LabelRow { Id = Guid.CreateVersion7().ToString(), OrganizationId = organizationId, Name = name.Trim(), ParentId = parentId, CreatedAt = now, UpdatedAt = now };
        await database.WriteAsync(async (c, t) =>
        {
            if (parentId is not null && await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM labels WHERE id = @parentId AND organization_id = @organizationId", new { parentId, organizationId }, t).ConfigureAwait(false) == 0)
            {
                throw new ArgumentException($"No label {parentId} in this organization to be the parent.");
            }

            return await c.ExecuteAsync("INSERT INTO labels (id, organization_id, name, parent_id, created_at, updated_at) VALUES (@Id, @OrganizationId, @Name, @ParentId, @CreatedAt, @UpdatedAt)", row, t).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return row;
    }

    public Task<LabelRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<LabelRow>("SELECT * FROM labels WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    /// <summary>The organization's labels among <paramref name="ids"/> (unknown and foreign ids are left out).</summary>
    public async Task<IReadOnlyList<LabelRow>> FindManyAsync(string organizationId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var filter = new SqlFilter("organization_id = @organizationId", new { organizationId }).In("id", [.. ids]);
        var rows = await database.ReadAsync(c => c.QueryAsync<LabelRow>($"SELECT * FROM labels WHERE {filter.Where} ORDER BY name, id", filter.Parameters), cancellationToken).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<(IReadOnlyList<LabelRow> Page, long Total)> ListAsync(string organizationId, int offset, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM labels WHERE organization_id = @organizationId", new { organizationId }).ConfigureAwait(false);
            var rows = await c.QueryAsync<LabelRow>("SELECT * FROM labels WHERE organization_id = @organizationId ORDER BY name, id LIMIT @limit OFFSET @offset", new { organizationId, limit, offset }).ConfigureAwait(false);
            return ((IReadOnlyList<LabelRow>)rows.ToList(), total);
        }, cancellationToken).ConfigureAwait(false);
}
