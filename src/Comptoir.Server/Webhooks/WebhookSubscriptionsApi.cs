using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Http.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// /v2/webhook_subscriptions (scope webhook, plus the read scope of each type subscribed), and Comptoir's own
/// deliveries list, retry and test routes.
/// </summary>
public static class WebhookSubscriptionsApi
{
    public static IEndpointRouteBuilder MapWebhookSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/v2/webhook_subscriptions").WithTags("Webhooks");
        hooks.MapPost("", Create).RequireScope(Scopes.Webhook)
            .WithSummary("Subscribe to webhook events").AcceptsJson<WebhookSubscriptionRequestDoc>()
            .Returns<WebhookSubscriptionDoc>(201).WithErrors(400, 403, 409, 413, 422);
        hooks.MapGet("", List).RequireScope(Scopes.Webhook)
            .WithSummary("List webhook subscriptions").WithPaging()
            .Returns<WebhookSubscriptionListDoc>().WithErrors(400);
        hooks.MapGet("/{id}", Get).RequireScope(Scopes.Webhook)
            .WithSummary("Get a webhook subscription").Returns<WebhookSubscriptionDoc>().WithErrors(404);
        hooks.MapPut("/{id}", Replace).RequireScope(Scopes.Webhook)
            .WithSummary("Replace a webhook subscription").AcceptsJson<WebhookSubscriptionRequestDoc>()
            .Returns<WebhookSubscriptionDoc>().WithErrors(400, 403, 404, 413, 422);
        hooks.MapDelete("/{id}", Delete).RequireScope(Scopes.Webhook)
            .WithSummary("Delete a webhook subscription (its pending deliveries are dropped)").ReturnsNothing().WithErrors(404);
        hooks.MapGet("/{id}/deliveries", Deliveries).RequireScope(Scopes.Webhook)
            .WithSummary("List a subscription's deliveries (Comptoir's own)").WithPaging()
            .WithFilter("filter[status]", "pending, sending, delivered or failed: only the deliveries in this status.")
            .Returns<WebhookDeliveryListDoc>().WithErrors(400, 404);
        hooks.MapPost("/{id}/deliveries/{delivery_id}/retry", Retry).RequireScope(Scopes.Webhook)
            .WithSummary("Send a delivery again now, with a fresh retry window (Comptoir's own)")
            .Returns<WebhookDeliveryResponseDoc>().WithErrors(404, 409);
        hooks.MapPost("/{id}/test", Test).RequireScope(Scopes.Webhook)
            .WithSummary("Send a signed test event to the subscription (Comptoir's own)")
            .Returns<WebhookDeliveryResponseDoc>(201).WithErrors(404);
        return app;
    }

    private static async Task<IResult> Create(HttpContext context, WebhookSubscriptionStore store, WebhookSettings settings)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var request = WebhookSubscriptionRequest.Read(JsonBody.Root(document), replacing: false, principal, settings);
        var subscription = new WebhookSubscriptionRow
        {
            OrganizationId = principal.OrganizationId,
            MembershipId = principal.MembershipId,
            CallbackUrl = request.CallbackUrl,
            Types = System.Text.Json.JsonSerializer.Serialize(request.Types, WebhooksJsonContext.Default.IReadOnlyListString),
            Description = request.Description,
            Secret = request.Secret ?? Secrets.New("whsec_"),
        };
        await store.CreateAsync(subscription, context.ReplyRecording<WebhookSubscriptionRow>(Created), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(subscription, Created);

        static JsonResponse Created(WebhookSubscriptionRow created) => WebhookSubscriptionResponse.One(created, 201, withSecret: true);
    }

    private static async Task<IResult> List(HttpContext context, WebhookSubscriptionStore store)
    {
        var principal = context.Principal();
        var paging = Paging.Read(context.Request);
        var (page, total) = await store.ListAsync(principal.OrganizationId, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("subscriptions", page, (json, s) => WebhookSubscriptionResponse.WriteFields(json, s, withSecret: false), paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, WebhookSubscriptionStore store, string id) =>
        WebhookSubscriptionResponse.One(await Find(context, store, id).ConfigureAwait(false), 200);

    private static async Task<IResult> Replace(HttpContext context, WebhookSubscriptionStore store, WebhookSettings settings, string id)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var request = WebhookSubscriptionRequest.Read(JsonBody.Root(document), replacing: true, principal, settings);
        var replaced = await store.ReplaceAsync(principal.OrganizationId, id, request.CallbackUrl, request.Types, request.Description, request.Secret,
            context.ReplyRecording<WebhookSubscriptionRow>(Replaced), context.RequestAborted).ConfigureAwait(false) ?? throw NotFound();
        return context.Reply(replaced, Replaced);

        static JsonResponse Replaced(WebhookSubscriptionRow row) => WebhookSubscriptionResponse.One(row, 200);
    }

    private static async Task<IResult> Delete(HttpContext context, WebhookSubscriptionStore store, string id) =>
        await store.DeleteAsync(context.Principal().OrganizationId, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : throw NotFound();

    private static async Task<IResult> Deliveries(HttpContext context, WebhookSubscriptionStore store, WebhookDeliveryStore deliveries, string id)
    {
        var subscription = await Find(context, store, id).ConfigureAwait(false);
        var paging = Paging.Read(context.Request);
        var status = context.Request.String("filter[status]");
        if (status is not null && status is not (WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Sending or WebhookDeliveryStatus.Delivered or WebhookDeliveryStatus.Failed))
        {
            throw ApiException.BadRequest("not_in_list", "filter[status] must be one of: pending, sending, delivered, failed.", parameter: "filter[status]");
        }

        var (page, total) = await deliveries.ListAsync(subscription.OrganizationId, subscription.Id, status, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("deliveries", page, WebhookDeliveryResponse.WriteFields, paging, total);
    }

    private static async Task<IResult> Retry(HttpContext context, WebhookSubscriptionStore store, WebhookDeliveryStore deliveries, string id, string delivery_id)
    {
        var subscription = await Find(context, store, id).ConfigureAwait(false);
        var row = await deliveries.RetryAsync(subscription.OrganizationId, subscription.Id, delivery_id, context.ReplyRecording<WebhookDeliveryRow>(Retried), context.RequestAborted).ConfigureAwait(false)
            ?? throw ApiException.NotFound("Delivery");
        if (row.Status == WebhookDeliveryStatus.Sending)
        {
            throw ApiException.Conflict("delivery_in_progress", "This delivery is being sent right now; look at it again in a moment.");
        }

        return context.Reply(row, Retried);

        static JsonResponse Retried(WebhookDeliveryRow retried) => WebhookDeliveryResponse.One(retried, 200);
    }

    private static async Task<IResult> Test(HttpContext context, WebhookSubscriptionStore store, WebhookDeliveryStore deliveries, string id)
    {
        var subscription = await Find(context, store, id).ConfigureAwait(false);
        var row = await deliveries.RecordTestAsync(subscription, context.ReplyRecording<WebhookDeliveryRow>(Recorded), context.RequestAborted).ConfigureAwait(false)
            ?? throw NotFound();
        return context.Reply(row, Recorded);

        static JsonResponse Recorded(WebhookDeliveryRow recorded) => WebhookDeliveryResponse.One(recorded, 201);
    }

    private static async Task<WebhookSubscriptionRow> Find(HttpContext context, WebhookSubscriptionStore store, string id) =>
        await store.FindAsync(context.Principal().OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw NotFound();

    private static ApiException NotFound() => ApiException.NotFound("Webhook subscription");
}
