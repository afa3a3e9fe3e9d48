using System.Net;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.Webhooks;

/// <summary>A subscription's fields as read from a POST or PUT body, checked.</summary>
public sealed record WebhookSubscriptionRequest(string CallbackUrl, IReadOnlyList<string> Types, string? Description, string? Secret)
{
    public const int MaxCallbackUrlLength = 512;
    public const int MaxDescriptionLength = 256;
    public const int MinSecretLength = 32;
    public const int MaxSecretLength = 128;

    /// <summary>
    /// Reads the body. A PUT is a full replacement: without callback_url it is a 400, as the public API answers.
    /// Every type needs its read scope on the caller's credential (403 otherwise).
    /// </summary>
    public static WebhookSubscriptionRequest Read(JsonBody body, bool replacing, ApiPrincipal principal, WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(settings);
        var url = body.String("callback_url", MaxCallbackUrlLength);
        if (url is null)
        {
            throw replacing
                ? ApiException.BadRequest("required", "callback_url is required: PUT replaces the whole subscription.", pointer: body.PointerOf("callback_url"))
                : body.Required("callback_url", "callback_url is required.");
        }

        CheckCallbackUrl(body, url, settings);
        var types = body.Strings("types", WebhookTypes.ReadScopes.Count * 2, 64);
        if (types.Count == 0)
        {
            throw body.Required("types", "types needs at least one event type.");
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (!WebhookTypes.ReadScopes.TryGetValue(types[i], out var scope))
            {
                throw JsonBodyException.Invalid($"{body.PointerOf("types")}/{i}", "not_in_list", $"types must be among: {string.Join(", ", WebhookTypes.All)}.");
            }

            if (!principal.Has(scope))
            {
                throw ApiException.Forbidden("missing_scope", $"This access token lacks the '{scope}' scope, which the events of {types[i]} need.");
            }
        }

        var secret = body.String("secret", MaxSecretLength);
        if (secret is not null && secret.Length < MinSecretLength)
        {
            throw body.Invalid("secret", "too_short", $"secret must have {MinSecretLength} to {MaxSecretLength} characters.");
        }

        return new WebhookSubscriptionRequest(url, [.. types.Distinct(StringComparer.Ordinal)], body.String("description", MaxDescriptionLength), secret);
    }

    /// <summary>
    /// https only, except http to a loopback host when loopback deliveries are allowed; an address literal that
    /// deliveries would refuse is refused now. Names are checked again, on the address connected to, at delivery.
    /// </summary>
    private static void CheckCallbackUrl(JsonBody body, string url, WebhookSettings settings)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw body.Invalid("callback_url", "invalid", "callback_url must be an absolute https URL.");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw body.Invalid("callback_url", "invalid", "callback_url must not carry credentials; authenticate deliveries with the signature.");
        }

        var loopback = CallbackAddresses.IsLoopbackHost(uri.Host);
        var httpAllowed = uri.Scheme == Uri.UriSchemeHttp && loopback && settings.AllowLoopback;
        if (uri.Scheme != Uri.UriSchemeHttps && !httpAllowed)
        {
            throw body.Invalid("callback_url", "insecure_url", loopback
                ? "callback_url must use https; http is accepted for loopback hosts only when the server runs with --sandbox or --allow-http-webhooks."
                : "callback_url must use https.");
        }

        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && CallbackAddresses.Refusal(address, settings) is { } refusal)
        {
            throw body.Invalid("callback_url", "forbidden_address", $"callback_url cannot be delivered to: {refusal}.");
        }
    }
}
