using System.Data.Common;
using Comptoir.Server.Storage;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.Clients;

/// <summary>Clients of an organization. Every query is scoped by organization id: another organization's client is simply not found.</summary>
[PublicSurface]
public sealed class ClientStore(Database database, TimeProvider clock)
{
    private static readonly string[] Columns =
    [
        "id", "organization_id", "kind", "name", "first_name", "last_name", "search_name", "email", "email_key", "extra_emails", "phone",
        "vat_number", "vat_number_key", "tax_identification_number", "tax_identification_number_key", "billing_street_address",
        "billing_city", "billing_zip_code", "billing_province_code", "billing_country_code", "delivery_address", "currency", "locale",
        "e_invoicing_address", "recipient_code", "created_at", "updated_at",
    ];

    private static readonly string InsertSql =
        $"INSERT INTO clients ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(Parameter))})";

    private static readonly string UpdateSql =
        $"UPDATE clients SET {string.Join(", ", Columns.Skip(2).Where(c => c != "created_at").Select(c => $"{c} = {Parameter(c)}"))} WHERE id = @Id AND organization_id = @OrganizationId";

    public async Task<ClientRow> CreateAsync(ClientRow client, AlsoInTransaction<ClientRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Id = Guid.CreateVersion7().ToString();
        client.CreatedAt = client.UpdatedAt = Timestamps.ToText(clock.GetUtcNow());
        Derive(client);
        await database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync(InsertSql, client, t).ConfigureAwait(false);
            await ClientEvents.RecordAsync(c, t, client, WebhookEventNames.Created, client.UpdatedAt).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, client).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return client;
    }

    public async Task<bool> UpdateAsync(ClientRow client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.UpdatedAt = Timestamps.ToText(clock.GetUtcNow());
        Derive(client);
        return await database.WriteAsync(async (c, t) =>
        {
            var updated = await c.ExecuteAsync(UpdateSql, client, t).ConfigureAwait(false) == 1;
            if (updated)
            {
                await ClientEvents.RecordAsync(c, t, client, WebhookEventNames.Updated, client.UpdatedAt).ConfigureAwait(false);
            }

            return updated;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<ClientRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => FindAsync(c, null, organizationId, id), cancellationToken);

    /// <summary>A client of an organization (parameters @clientId and @organizationId); no row for another organization's.</summary>
    public const string SelectOfOrganization = "SELECT * FROM clients WHERE id = @clientId AND organization_id = @organizationId";

    public static Task<ClientRow?> FindAsync(DbConnection connection, DbTransaction? transaction, string organizationId, string id) =>
        connection.QuerySingleOrDefaultAsync<ClientRow>(SelectOfOrganization, new { clientId = id, organizationId }, transaction);

    /// <summary>Deletes a client without invoices. Returns null when not found, false when it has invoices.</summary>
    public Task<bool?> DeleteAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.WriteAsync<bool?>(async (c, t) =>
        {
            var client = await FindAsync(c, t, organizationId, id).ConfigureAwait(false);
            if (client is null)
            {
                return null;
            }

            var invoices = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM client_invoices WHERE client_id = @id", new { id }, t).ConfigureAwait(false);
            if (invoices > 0)
            {
                return false;
            }

            await c.ExecuteAsync("DELETE FROM clients WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }, t).ConfigureAwait(false);
            await ClientEvents.RecordAsync(c, t, client, WebhookEventNames.Deleted, Timestamps.ToText(clock.GetUtcNow())).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<(IReadOnlyList<ClientRow> Page, long Total)> ListAsync(string organizationId, ClientQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        static string? Key(string? value) => value?.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();
        var filter = new SqlFilter("organization_id = @organizationId", new { organizationId })
            .Compare("email_key", "=", query.Email?.Trim().ToLowerInvariant())
            .Compare("vat_number_key", "=", Key(query.VatNumber))
            .Compare("tax_identification_number_key", "=", Key(query.TaxIdentificationNumber))
            .Compare("updated_at", ">=", query.UpdatedFrom)
            .Compare("updated_at", "<=", query.UpdatedTo);
        if (query.Name is not null)
        {
            filter.And("search_name LIKE @name ESCAPE '\\'", "name", SearchText.LikeContains(SearchText.Fold(query.Name)));
        }

        var (where, parameters) = (filter.Where, filter.Parameters);
        var column = query.SortField switch { "created_at" => "created_at", "updated_at" => "updated_at", _ => "search_name" };
        var direction = query.Descending ? "DESC" : "ASC";
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);
        return await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM clients WHERE {where}", parameters).ConfigureAwait(false);
            var rows = await c.QueryAsync<ClientRow>($"SELECT * FROM clients WHERE {where} ORDER BY {column} {direction}, id {direction} LIMIT @limit OFFSET @offset", parameters).ConfigureAwait(false);
            return ((IReadOnlyList<ClientRow>)rows.ToList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static void Derive(ClientRow client)
    {
        client.SearchName = SearchText.Fold(client.DisplayName + " " + (client.Kind == "individual" ? client.Name : string.Empty)).Trim();
        client.EmailKey = client.Email?.Trim().ToLowerInvariant();
        client.VatNumberKey = client.VatNumber?.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        client.TaxIdentificationNumberKey = client.TaxIdentificationNumber?.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
    }

    private static string Parameter(string column) =>
        "@" + string.Concat(column.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
}
