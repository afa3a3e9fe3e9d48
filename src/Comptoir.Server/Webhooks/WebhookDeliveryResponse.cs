using System.Text.Json;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.Webhooks;

/// <summary>A delivery as the API prints it (Comptoir's own): its id is the event's.</summary>
public static class WebhookDeliveryResponse
{
    public static void WriteFields(Utf8JsonWriter json, WebhookDeliveryRow delivery)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(delivery);
        json.WriteString("id", delivery.EventId);
        json.WriteString("subscription_id", delivery.SubscriptionId);
        json.WriteString("type", delivery.Type);
        json.WriteString("event", delivery.Event);
        json.WriteString("status", delivery.Status);
        json.WriteNumber("attempts", delivery.Attempts);
        json.WriteNullableString("last_attempt_at", delivery.LastAttemptAt);
        if (delivery.LastStatusCode is { } code)
        {
            json.WriteNumber("last_status_code", code);
        }
        else
        {
            json.WriteNull("last_status_code");
        }

        json.WriteNullableString("last_error", delivery.LastError);
        json.WriteNullableString("next_attempt_at", delivery.Status == WebhookDeliveryStatus.Pending ? delivery.NextAttemptAt : null);
        json.WriteNullableString("delivered_at", delivery.DeliveredAt);
        json.WriteString("created_at", delivery.CreatedAt);
        json.WriteString("updated_at", delivery.UpdatedAt);
    }

    public static JsonResponse One(WebhookDeliveryRow delivery, int status) => new(status, json =>
    {
        json.WriteStartObject("delivery");
        WriteFields(json, delivery);
        json.WriteEndObject();
    });
}
