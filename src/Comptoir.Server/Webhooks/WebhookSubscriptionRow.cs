namespace Comptoir.Server.Webhooks;

/// <summary>A row of webhook_subscriptions; <see cref="Types"/> is a JSON array of type strings.</summary>
public sealed class WebhookSubscriptionRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;

    /// <summary>Who subscribed: the membership of the request's credential.</summary>
    public string? MembershipId { get; set; }
    public string CallbackUrl { get; set; } = string.Empty;
    public string Types { get; set; } = "[]";
    public string? Description { get; set; }
    public string Secret { get; set; } = string.Empty;
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;

    public IReadOnlyList<string> TypeList =>
        System.Text.Json.JsonSerializer.Deserialize(Types, WebhooksJsonContext.Default.IReadOnlyListString) ?? [];
}
