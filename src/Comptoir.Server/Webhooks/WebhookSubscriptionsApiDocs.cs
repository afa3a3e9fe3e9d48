using System.ComponentModel;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.Webhooks;

// The webhook JSON and bodies (WebhookSubscriptionsApi), described for the OpenAPI document only.

[Description("A webhook subscription, unwrapped. types among v1/client-invoices, v1/transactions, v1/clients, v1/accounts, v1/organizations, and Comptoir's own v1/supplier-invoices and v1/transfers (not in the public API). secret appears only in the answer to the creation. Deliveries are POSTs of {id, subscription_id, organization_id, membership_id, type, created_at, data: {event: created|updated|deleted|test, ...the resource as the API renders it}} signed with X-Qonto-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>.")]
public sealed record WebhookSubscriptionDoc(
    string Id,
    string OrganizationId,
    string? MembershipId,
    string CallbackUrl,
    IReadOnlyList<string> Types,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Secret = null);

public sealed record WebhookSubscriptionListDoc(IReadOnlyList<WebhookSubscriptionDoc> Subscriptions, PageMetaDoc Meta);

[Description("A subscription: callback_url (https, at most 512 characters; http only to a loopback host on a server run with --sandbox or --allow-http-webhooks), types (at least one; the credential needs the read scope of each), secret (32 to 128 characters, generated as whsec_... when absent), description (at most 256). PUT replaces the whole subscription (callback_url required, else 400) and keeps the secret unless one is given.")]
public sealed record WebhookSubscriptionRequestDoc(
    string CallbackUrl,
    IReadOnlyList<string> Types,
    string? Secret = null,
    string? Description = null);

[Description("Comptoir's own: one event for one subscription. id is the event's id (what receivers deduplicate on). status pending (next_attempt_at says when; under a backlog, a delivery whose event still waits to be fanned out is listed pending with no attempt and the event's time), sending, delivered or failed (out of its retry window: POST .../retry sends it again).")]
public sealed record WebhookDeliveryDoc(
    string Id,
    string SubscriptionId,
    string Type,
    string Event,
    string Status,
    long Attempts,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record WebhookDeliveryResponseDoc(WebhookDeliveryDoc Delivery);

public sealed record WebhookDeliveryListDoc(IReadOnlyList<WebhookDeliveryDoc> Deliveries, PageMetaDoc Meta);
