using System.Text.Json;
using System.Text.Json.Serialization;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.Webhooks;

/// <summary>The subscription object as the API prints it, unwrapped; the secret only in the answer to its creation.</summary>
public static class WebhookSubscriptionResponse
{
    public static void WriteFields(Utf8JsonWriter json, WebhookSubscriptionRow subscription, bool withSecret)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(subscription);
        json.WriteString("id", subscription.Id);
        json.WriteString("organization_id", subscription.OrganizationId);
        json.WriteNullableString("membership_id", subscription.MembershipId);
        json.WriteString("callback_url", subscription.CallbackUrl);
        json.WriteStartArray("types");
        foreach (var type in subscription.TypeList)
        {
            json.WriteStringValue(type);
        }

        json.WriteEndArray();
        json.WriteNullableString("description", subscription.Description);
        json.WriteString("created_at", subscription.CreatedAt);
        json.WriteString("updated_at", subscription.UpdatedAt);
        if (withSecret)
        {
            json.WriteString("secret", subscription.Secret);
        }
    }

    public static JsonResponse One(WebhookSubscriptionRow subscription, int status, bool withSecret = false) =>
        new(status, json => WriteFields(json, subscription, withSecret));
}

/// <summary>Source-generated JSON of the webhooks resource.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class WebhooksJsonContext : JsonSerializerContext;
