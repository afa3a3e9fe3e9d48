namespace Comptoir.Server.Webhooks;

/// <summary>One event for one subscription (table webhook_deliveries), with the event's type, name and time.</summary>
public sealed class WebhookDeliveryRow
{
    public string EventId { get; set; } = string.Empty;
    public string SubscriptionId { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;

    /// <summary>See <see cref="WebhookDeliveryStatus"/>.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>Attempts so far (a claim counts its attempt).</summary>
    public long Attempts { get; set; }
    public string NextAttemptAt { get; set; } = string.Empty;

    /// <summary>Where the retry window starts: the event, or the last manual retry.</summary>
    public string RetryFrom { get; set; } = string.Empty;
    public string? LastAttemptAt { get; set; }
    public long? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public string? DeliveredAt { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
    public string Type { get; set; } = string.Empty;
    public string Event { get; set; } = string.Empty;
}

/// <summary>A delivery claimed for an attempt, with what sending it takes.</summary>
public sealed class ClaimedDelivery
{
    public string EventId { get; set; } = string.Empty;
    public string SubscriptionId { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public long Attempts { get; set; }
    public string RetryFrom { get; set; } = string.Empty;
    public string Type { get; set; } = string.Empty;
    public string Payload { get; set; } = string.Empty;
    public byte[]? Data { get; set; }
    public string EventCreatedAt { get; set; } = string.Empty;
    public string CallbackUrl { get; set; } = string.Empty;
    public string Secret { get; set; } = string.Empty;
    public string? MembershipId { get; set; }
}

public static class WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (next_attempt_at).</summary>
    public const string Pending = "pending";

    /// <summary>Claimed by a dispatcher, being sent (until locked_until; then claimable again).</summary>
    public const string Sending = "sending";

    public const string Delivered = "delivered";

    /// <summary>Out of its retry window: stays so until retried by hand.</summary>
    public const string Failed = "failed";
}
