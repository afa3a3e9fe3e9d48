using System.Data.Common;
using System.Text.Json;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// Webhook subscriptions of an organization, with the (organization, type) index every write looks up. Every query
/// is scoped by organization id. Deleting a subscription deletes its deliveries.
/// </summary>
public sealed class WebhookSubscriptionStore(Database database, TimeProvider clock)
{
    /// <summary>More would make every write of the organization fan out to that many deliveries.</summary>
    public const int MaxPerOrganization = 50;

    private const string InsertSql =
        "INSERT INTO webhook_subscriptions (id, organization_id, membership_id, callback_url, types, description, secret, created_at, updated_at) VALUES (@Id, @OrganizationId, @MembershipId, @CallbackUrl, @Types, @Description, @Secret, @CreatedAt, @UpdatedAt)";

    public async Task<WebhookSubscriptionRow> CreateAsync(WebhookSubscriptionRow subscription, AlsoInTransaction<WebhookSubscriptionRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        subscription.Id = Guid.CreateVersion7().ToString();
        subscription.CreatedAt = subscription.UpdatedAt = Timestamps.ToText(clock.GetUtcNow());
        await database.WriteAsync(async (c, t) =>
        {
            var count = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_subscriptions WHERE organization_id = @OrganizationId", subscription, t).ConfigureAwait(false);
            if (count >= MaxPerOrganization)
            {
                throw ApiException.Invalid("", "too_many", $"An organization has at most {MaxPerOrganization} webhook subscriptions.");
            }

            await c.ExecuteAsync(InsertSql, subscription, t).ConfigureAwait(false);
            await WriteTypesAsync(c, t, subscription).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, subscription).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return subscription;
    }

    /// <summary>Replaces callback URL, types and description (and the secret when <paramref name="secret"/> is given); null when not found.</summary>
    public Task<WebhookSubscriptionRow?> ReplaceAsync(string organizationId, string id, string callbackUrl, IReadOnlyList<string> types, string? description, string? secret, AlsoInTransaction<WebhookSubscriptionRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync<WebhookSubscriptionRow?>(async (c, t) =>
        {
            var subscription = await FindAsync(c, t, organizationId, id, database.ForUpdate).ConfigureAwait(false);
            if (subscription is null)
            {
                return null;
            }

            subscription.CallbackUrl = callbackUrl;
            subscription.Types = JsonSerializer.Serialize(types, WebhooksJsonContext.Default.IReadOnlyListString);
            subscription.Description = description;
            subscription.Secret = secret ?? subscription.Secret;
            subscription.UpdatedAt = Timestamps.ToText(clock.GetUtcNow());
            await c.ExecuteAsync("UPDATE webhook_subscriptions SET callback_url = @CallbackUrl, types = @Types, description = @Description, secret = @Secret, updated_at = @UpdatedAt WHERE id = @Id", subscription, t).ConfigureAwait(false);
            await c.ExecuteAsync("DELETE FROM webhook_subscription_types WHERE subscription_id = @Id", subscription, t).ConfigureAwait(false);
            await WriteTypesAsync(c, t, subscription).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, subscription).ConfigureAwait(false);
            return subscription;
        }, cancellationToken);

    /// <summary>Deletes the subscription and its deliveries (pending ones are never sent); false when not found.</summary>
    public Task<bool> DeleteAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.WriteAsync((c, t) => DeleteAsync(c, t, organizationId, id), cancellationToken);

    /// <summary>
    /// The deletion, inside a transaction. The subscription's row goes first: on PostgreSQL a fan-out running
    /// meanwhile holds a share lock on it (<see cref="WebhookFanOut"/>), so this waits for that fan-out to commit,
    /// and the deliveries it wrote are then seen and deleted by the statement below.
    /// </summary>
    internal static async Task<bool> DeleteAsync(DbConnection c, DbTransaction t, string organizationId, string id)
    {
        var deleted = await c.ExecuteAsync("DELETE FROM webhook_subscriptions WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }, t).ConfigureAwait(false);
        if (deleted == 0)
        {
            return false;
        }

        await c.ExecuteAsync("DELETE FROM webhook_subscription_types WHERE subscription_id = @id", new { id }, t).ConfigureAwait(false);
        await c.ExecuteAsync("DELETE FROM webhook_deliveries WHERE subscription_id = @id", new { id }, t).ConfigureAwait(false);
        return true;
    }

    public Task<WebhookSubscriptionRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => FindAsync(c, null, organizationId, id, string.Empty), cancellationToken);

    public async Task<(IReadOnlyList<WebhookSubscriptionRow> Page, long Total)> ListAsync(string? organizationId, int offset, int limit, CancellationToken cancellationToken = default)
    {
        // A null organization lists every organization's (comptoir admin webhooks list).
        var where = organizationId is null ? "1 = 1" : "organization_id = @organizationId";
        return await database.ReadAsync(async c =>
        {
            var parameters = new { organizationId, offset, limit };
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM webhook_subscriptions WHERE {where}", parameters).ConfigureAwait(false);
            var rows = await c.QueryAsync<WebhookSubscriptionRow>($"SELECT * FROM webhook_subscriptions WHERE {where} ORDER BY created_at, id LIMIT @limit OFFSET @offset", parameters).ConfigureAwait(false);
            return ((IReadOnlyList<WebhookSubscriptionRow>)rows.AsList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static Task<WebhookSubscriptionRow?> FindAsync(DbConnection c, DbTransaction? t, string organizationId, string id, string forUpdate) =>
        c.QuerySingleOrDefaultAsync<WebhookSubscriptionRow>("SELECT * FROM webhook_subscriptions WHERE id = @id AND organization_id = @organizationId" + forUpdate, new { id, organizationId }, t);

    private static async Task WriteTypesAsync(DbConnection c, DbTransaction t, WebhookSubscriptionRow subscription)
    {
        foreach (var type in subscription.TypeList)
        {
            await c.ExecuteAsync("INSERT INTO webhook_subscription_types (organization_id, type, subscription_id) VALUES (@organizationId, @type, @id)",
                new { organizationId = subscription.OrganizationId, type, id = subscription.Id }, t).ConfigureAwait(false);
        }
    }
}
