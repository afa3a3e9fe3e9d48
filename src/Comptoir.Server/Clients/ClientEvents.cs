using System.Data.Common;
using System.Text.Json;
using Comptoir.Server.Webhooks;

namespace Comptoir.Server.Clients;

/// <summary>The v1/clients webhook events (created, updated, deleted), recorded in the transaction of the change.</summary>
internal static class ClientEvents
{
    public static Task RecordAsync(DbConnection c, DbTransaction t, ClientRow client, string eventName, string now) =>
        WebhookEvents.RecordAsync(c, t, client.OrganizationId, WebhookTypes.Clients, eventName,
            JsonSerializer.Serialize(ClientResponse.From(client), ClientsJsonContext.Default.ClientResponse), now);
}
