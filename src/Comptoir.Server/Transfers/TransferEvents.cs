using System.Data.Common;
using System.Text.Json;
using Comptoir.Server.Webhooks;

namespace Comptoir.Server.Transfers;

/// <summary>The v1/transfers webhook events (Comptoir's own type), recorded in the transaction of each status change.</summary>
internal static class TransferEvents
{
    public static Task RecordAsync(DbConnection c, DbTransaction t, TransferRow transfer, string eventName) =>
        WebhookEvents.RecordAsync(c, t, transfer.OrganizationId, WebhookTypes.Transfers, eventName,
            JsonSerializer.Serialize(TransferResponse.From(transfer), TransfersJsonContext.Default.TransferResponse), transfer.UpdatedAt);
}
