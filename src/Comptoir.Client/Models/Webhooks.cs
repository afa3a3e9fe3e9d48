namespace Comptoir.Client.Models;

/// <summary>
/// A webhook subscription: where events of some types are delivered. <see cref="Secret"/> is only in the answer to
/// its creation (keep it: it verifies the deliveries' signatures).
/// </summary>
public sealed record WebhookSubscription(
    string Id, string OrganizationId, string? MembershipId, string CallbackUrl, IReadOnlyList<string> Types, string? Description,
    string CreatedAt, string UpdatedAt, string? Secret = null);

/// <summary>
/// The body of POST (create) and PUT (full replacement) /v2/webhook_subscriptions: an https callback URL (up to 512
/// characters), at least one of <see cref="WebhookEventTypes"/>, and optionally a description (up to 256) and a
/// secret of 32 to 128 characters (the server generates a "whsec_..." one when it is left out).
/// </summary>
public sealed record NewWebhookSubscription
{
    public required string CallbackUrl { get; init; }
    public required IReadOnlyList<string> Types { get; init; }
    public string? Description { get; init; }
    public string? Secret { get; init; }
}

/// <summary>
/// One event's delivery to one subscription (Comptoir's own): <see cref="Id"/> is the event's id; Status is pending,
/// sending, delivered or failed (out of its retry window, until retried).
/// </summary>
public sealed record WebhookDelivery(
    string Id, string SubscriptionId, string Type, string Event, string Status, int Attempts, string? LastAttemptAt, int? LastStatusCode,
    string? LastError, string? NextAttemptAt, string? DeliveredAt, string CreatedAt, string UpdatedAt);

/// <summary>The event types a subscription names, as the API spells them (<c>v1/client-invoices</c> with a hyphen).</summary>
public static class WebhookEventTypes
{
    public const string ClientInvoices = "v1/client-invoices";
    public const string Clients = "v1/clients";
    public const string Transactions = "v1/transactions";
    public const string Accounts = "v1/accounts";
    public const string Organizations = "v1/organizations";

    /// <summary>Comptoir's own type (the public API has no supplier-invoice events).</summary>
    public const string SupplierInvoices = "v1/supplier-invoices";

    /// <summary>Comptoir's own type (the public API has no transfer events).</summary>
    public const string Transfers = "v1/transfers";

    /// <summary>Every type a Comptoir server delivers.</summary>
    public static IReadOnlyList<string> All { get; } = [ClientInvoices, Clients, Transactions, Accounts, Organizations, SupplierInvoices, Transfers];
}

/// <summary>What happened to an event's resource (<c>data.event</c>).</summary>
public static class WebhookEventNames
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";

    /// <summary>A signed test event sent on request: its data carries no resource.</summary>
    public const string Test = "test";
}
