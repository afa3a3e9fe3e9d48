using System.Globalization;
using System.Net.Http.Json;
using Comptoir.Client.Http;
using Comptoir.Client.Models;

namespace Comptoir.Client.Services;

/// <summary>
/// /v2/webhook_subscriptions: create, list, get, replace, delete; and Comptoir's own deliveries list, retry of a
/// delivery and signed test event. Receive the events with <see cref="WebhookEvent.VerifyAndParse(string, string?, string, TimeProvider, TimeSpan?)"/>.
/// </summary>
public sealed class WebhookSubscriptionsService
{
    private readonly ApiRequester _api;

    internal WebhookSubscriptionsService(ApiRequester api) => _api = api;

    /// <summary>Subscribes a callback URL to event types; the answer carries the secret, shown this once.</summary>
    public Task<WebhookSubscription> CreateAsync(NewWebhookSubscription subscription, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, "webhook_subscriptions", ComptoirJsonContext.Default.WebhookSubscription,
            JsonContent.Create(subscription, ComptoirJsonContext.Default.NewWebhookSubscription), idempotencyKey, cancellationToken: cancellationToken);

    /// <summary>Every subscription of the organization, page by page.</summary>
    public IAsyncEnumerable<WebhookSubscription> ListAsync(CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var result = await _api.SendAsync(HttpMethod.Get, $"webhook_subscriptions?page={page.ToString(CultureInfo.InvariantCulture)}&per_page=100",
                ComptoirJsonContext.Default.WebhookSubscriptionsPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.Subscriptions, result.Meta);
        }, cancellationToken);

    /// <summary>One subscription by id (without its secret).</summary>
    public Task<WebhookSubscription> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, Path(id), ComptoirJsonContext.Default.WebhookSubscription, cancellationToken: cancellationToken);

    /// <summary>Replaces the whole subscription (PUT): fields left null are cleared; a null secret keeps the current one.</summary>
    public Task<WebhookSubscription> ReplaceAsync(string id, NewWebhookSubscription subscription, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Put, Path(id), ComptoirJsonContext.Default.WebhookSubscription,
            JsonContent.Create(subscription, ComptoirJsonContext.Default.NewWebhookSubscription), cancellationToken: cancellationToken);

    /// <summary>Deletes a subscription; its pending deliveries are dropped.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await _api.SendRawAsync(HttpMethod.Delete, Path(id), null, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A subscription's deliveries, newest first, optionally only those in <paramref name="status"/> (pending, sending, delivered, failed).</summary>
    public IAsyncEnumerable<WebhookDelivery> ListDeliveriesAsync(string subscriptionId, string? status = null, CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var query = Paging.Query(("filter[status]", status), ("page", page.ToString(CultureInfo.InvariantCulture)), ("per_page", "100"));
            var result = await _api.SendAsync(HttpMethod.Get, $"{Path(subscriptionId)}/deliveries?{query}", ComptoirJsonContext.Default.WebhookDeliveriesPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.Deliveries, result.Meta);
        }, cancellationToken);

    /// <summary>Sends a delivery again now with a fresh retry window (a failed one, one waiting for its back-off, or a delivered one).</summary>
    public async Task<WebhookDelivery> RetryDeliveryAsync(string subscriptionId, string deliveryId, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, $"{Path(subscriptionId)}/deliveries/{Uri.EscapeDataString(deliveryId)}/retry",
            ComptoirJsonContext.Default.WebhookDeliveryEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).Delivery;

    /// <summary>Sends a signed test event (<c>data.event</c> "test", no resource) to the subscription.</summary>
    public async Task<WebhookDelivery> SendTestEventAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, $"{Path(subscriptionId)}/test", ComptoirJsonContext.Default.WebhookDeliveryEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).Delivery;

    private static string Path(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return $"webhook_subscriptions/{Uri.EscapeDataString(id)}";
    }
}
