using System.Data.Common;
using Dapper;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// The transactional outbox. A store calls it inside the transaction of the change it reports, so the event commits
/// with the change or rolls back with it: none is sent for a change that did not happen, none lost for one that did.
/// It writes the event and its place in the fan-out queue when the organization has a subscription to the type, and
/// nothing at all when there is none (the lookup is one index probe inside the statement, with no extra round trip);
/// the dispatcher writes the deliveries (<see cref="WebhookFanOut"/>).
/// </summary>
[PublicSurface]
public static class WebhookEvents
{
    /// <summary>
    /// Written at the start of a link in an event's resource where the server's public base URL goes: it is set at
    /// delivery (the configured --public-url, else the first listen URL), as requests set theirs.
    /// </summary>
    public const string BaseUrlPlaceholder = "comptoir-public-base-url:";

    // One command of two statements: one round trip on PostgreSQL. The event waits in webhook_fanout for the
    // dispatcher to write its deliveries (WebhookFanOut): three subscriptions cost the write one small row, not three
    // rows and their indexes.
    private const string RecordSql =
        "INSERT INTO webhook_events (id, organization_id, type, event, payload, data, created_at) " +
        "SELECT @whEventId, @whOrganizationId, @whType, @whEvent, @whPayload, @whData, @whNow " +
        "WHERE EXISTS (SELECT 1 FROM webhook_subscription_types WHERE organization_id = @whOrganizationId AND type = @whType); " +
        "INSERT INTO webhook_fanout (event_id) SELECT id FROM webhook_events WHERE id = @whEventId";

    /// <summary>Records that <paramref name="resourceJson"/> (the resource's JSON object, as the API renders it) was created, updated or deleted.</summary>
    public static Task RecordAsync(DbConnection connection, DbTransaction transaction, string organizationId, string type, string eventName, string resourceJson, string now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (sql, parameters) = Recording(organizationId, type, eventName, resourceJson, now);
        return connection.ExecuteAsync(sql, parameters, transaction);
    }

    /// <summary>
    /// The same, for a resource that costs a read to render: <paramref name="render"/> runs only when the organization
    /// has a subscription to the type (null from it records nothing).
    /// </summary>
    public static async Task RecordAsync(DbConnection connection, DbTransaction transaction, string organizationId, string type, string eventName, Func<Task<string?>> render, string now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(render);
        var subscribed = await connection.ExecuteScalarAsync<bool>(
            $"SELECT {SubscribedSql("@whOrganizationId", type)}", new { whOrganizationId = organizationId }, transaction).ConfigureAwait(false);
        if (subscribed && await render().ConfigureAwait(false) is { } resource)
        {
            await RecordAsync(connection, transaction, organizationId, type, eventName, resource, now).ConfigureAwait(false);
        }
    }

    /// <summary>The statement and its parameters, for a write sent as one batch (<c>Database.ExecuteAtomicallyAsync</c>).</summary>
    public static (string Sql, object Parameters) Recording(string organizationId, string type, string eventName, string resourceJson, string now)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(resourceJson);
        ArgumentNullException.ThrowIfNull(now);
        RequireType(type);
        var (payload, data) = WebhookPayloads.Store(Data(eventName, resourceJson));
        return (RecordSql, new
        {
            whEventId = WebhookEventIds.New(now),
            whOrganizationId = organizationId,
            whType = type,
            whEvent = eventName,
            whPayload = payload,
            whData = data,
            whNow = now,
        });
    }

    /// <summary>
    /// A SQL boolean: does the organization whose id <paramref name="organizationIdExpression"/> gives have a
    /// subscription to <paramref name="type"/>? For a store that reads its row and this in one query.
    /// </summary>
    public static string SubscribedSql(string organizationIdExpression, string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(organizationIdExpression);
        RequireType(type);
        // The type is one of WebhookTypes' constants (checked above), never text from a request.
        return $"EXISTS (SELECT 1 FROM webhook_subscription_types WHERE organization_id = {organizationIdExpression} AND type = '{type}')";
    }

    /// <summary>The "data" object of a delivery: <c>{"event": ..., ...the resource's fields}</c>.</summary>
    public static string Data(string eventName, string resourceJson)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(resourceJson);
        var body = resourceJson.AsSpan().Trim();
        if (body.Length < 2 || body[0] != '{' || body[^1] != '}')
        {
            throw new ArgumentException("The resource must be a JSON object.", nameof(resourceJson));
        }

        var fields = body[1..^1].Trim();
        var head = "{\"event\":" + System.Text.Json.JsonSerializer.Serialize(eventName, WebhooksJsonContext.Default.String);
        return fields.Length == 0 ? head + "}" : string.Concat(head, ",", fields, "}");
    }

    private static void RequireType(string type)
    {
        if (type is null || !WebhookTypes.ReadScopes.ContainsKey(type))
        {
            throw new ArgumentException($"'{type}' is not a webhook event type.", nameof(type));
        }
    }
}
