using System.Globalization;
using System.Text;
using System.Text.Json;
using Comptoir.Client.Models;
using Comptoir.Client.Services;

namespace Comptoir.Client;

/// <summary>
/// A webhook delivery's body: <c>{"id", "subscription_id", "organization_id", "membership_id", "type", "created_at",
/// "data": {"event", ...the resource}}</c>, with the resource read into the SDK's model of its type.
/// </summary>
/// <remarks>
/// <see cref="Resource"/> is a <see cref="ClientInvoice"/> (v1/client-invoices), <see cref="Models.Client"/>
/// (v1/clients), <see cref="Transaction"/> (v1/transactions), <see cref="BankAccount"/> (v1/accounts),
/// <see cref="Organization"/> (v1/organizations), <see cref="SupplierInvoice"/> (v1/supplier-invoices) or
/// <see cref="Transfer"/> (v1/transfers); for a type this SDK does not know, the raw <see cref="JsonElement"/> of
/// <c>data</c>; null for a test event, which carries no resource. Deliveries come at least once: drop duplicates by
/// <see cref="Id"/>.
/// </remarks>
public sealed record WebhookEvent(
    string Id, string SubscriptionId, string OrganizationId, string? MembershipId, string Type, DateTimeOffset CreatedAt, string Event,
    object? Resource, JsonElement Data)
{
    /// <summary>A signed test event (POST /v2/webhook_subscriptions/{id}/test): no resource.</summary>
    public bool IsTest => Event == WebhookEventNames.Test;

    /// <summary>Reads a delivery's raw body (no signature check: see <see cref="VerifyAndParse(string, string?, string, TimeProvider, TimeSpan?)"/>).</summary>
    /// <exception cref="WebhookPayloadException">The body is not a webhook event.</exception>
    public static WebhookEvent Parse(string rawBody)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        return Parse(Encoding.UTF8.GetBytes(rawBody));
    }

    /// <summary>Reads a delivery's raw body bytes (no signature check).</summary>
    /// <exception cref="WebhookPayloadException">The body is not a webhook event.</exception>
    public static WebhookEvent Parse(ReadOnlySpan<byte> rawBody)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(rawBody.ToArray());
        }
        catch (JsonException e)
        {
            throw new WebhookPayloadException($"The body is not JSON ({e.Message})", e);
        }

        using (document)
        {
            return FromJson(document.RootElement);
        }
    }

    /// <summary>
    /// Checks the X-Qonto-Signature header against the raw body and the subscription's secret, with the timestamp
    /// within <paramref name="tolerance"/> (5 minutes by default) of <paramref name="clock"/>'s now, then parses.
    /// </summary>
    /// <exception cref="WebhookSignatureException">The signature is missing, malformed, wrong or too old: do not trust the body.</exception>
    /// <exception cref="WebhookPayloadException">Signed, but not a webhook event.</exception>
    public static WebhookEvent VerifyAndParse(string rawBody, string? signatureHeader, string secret, TimeProvider clock, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        return VerifyAndParse(Encoding.UTF8.GetBytes(rawBody), signatureHeader, secret, clock, tolerance);
    }

    /// <summary>The same, on the raw body bytes as received.</summary>
    /// <exception cref="WebhookSignatureException">The signature is missing, malformed, wrong or too old: do not trust the body.</exception>
    /// <exception cref="WebhookPayloadException">Signed, but not a webhook event.</exception>
    public static WebhookEvent VerifyAndParse(ReadOnlySpan<byte> rawBody, string? signatureHeader, string secret, TimeProvider clock, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var check = WebhookSignature.Check(signatureHeader, rawBody, secret, clock.GetUtcNow(), tolerance);
        return check == WebhookSignatureCheck.Valid ? Parse(rawBody) : throw new WebhookSignatureException(check);
    }

    private static WebhookEvent FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("The body is not a JSON object.");
        }

        var type = RequiredString(root, "type");
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("The event has no \"data\" object.");
        }

        var eventName = RequiredString(data, "event", "data.event");
        var createdAtText = RequiredString(root, "created_at");
        if (!DateTimeOffset.TryParse(createdAtText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var createdAt))
        {
            throw new WebhookPayloadException($"\"created_at\" is not a date and time: '{createdAtText}'.");
        }

        var owned = data.Clone();
        return new WebhookEvent(
            RequiredString(root, "id"), RequiredString(root, "subscription_id"), RequiredString(root, "organization_id"), OptionalString(root, "membership_id"),
            type, createdAt, eventName, eventName == WebhookEventNames.Test ? null : ReadResource(type, owned), owned);
    }

    private static object ReadResource(string type, JsonElement data)
    {
        try
        {
            // The data object is the resource as the API renders it, plus "event", which no model has.
            object? resource = type switch
            {
                WebhookEventTypes.ClientInvoices => data.Deserialize(ComptoirJsonContext.Default.ClientInvoice),
                WebhookEventTypes.Clients => data.Deserialize(ComptoirJsonContext.Default.Client),
                WebhookEventTypes.Transactions => data.Deserialize(ComptoirJsonContext.Default.Transaction),
                WebhookEventTypes.Accounts => data.Deserialize(ComptoirJsonContext.Default.BankAccount),
                WebhookEventTypes.Organizations => data.Deserialize(ComptoirJsonContext.Default.Organization),
                WebhookEventTypes.SupplierInvoices => data.Deserialize(SupplierInvoicesJsonContext.Default.SupplierInvoice),
                WebhookEventTypes.Transfers => data.Deserialize(ComptoirJsonContext.Default.Transfer),
                _ => data,
            };
            return resource ?? throw new WebhookPayloadException($"The {type} event carries no resource.");
        }
        catch (JsonException e)
        {
            throw new WebhookPayloadException($"The {type} event's data does not read as its resource ({e.Message})", e);
        }
    }

    private static string RequiredString(JsonElement parent, string name, string? path = null) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new WebhookPayloadException($"The event has no \"{path ?? name}\" string.");

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A webhook body whose signature does not hold: it must not be trusted (answer 401).</summary>
public sealed class WebhookSignatureException(WebhookSignatureCheck reason) : Exception(Describe(reason))
{
    /// <summary>What was wrong with the signature.</summary>
    public WebhookSignatureCheck Reason { get; } = reason;

    private static string Describe(WebhookSignatureCheck reason) => reason switch
    {
        WebhookSignatureCheck.Missing => "The request has no X-Qonto-Signature header.",
        WebhookSignatureCheck.Malformed => "X-Qonto-Signature has no t=<unix seconds> and v1=<hex> entries.",
        WebhookSignatureCheck.Mismatch => "X-Qonto-Signature does not match the body under this secret.",
        WebhookSignatureCheck.OutsideTolerance => "X-Qonto-Signature's timestamp is outside the tolerance (a replay, or a clock that is off).",
        _ => $"X-Qonto-Signature is not valid ({reason}).",
    };
}

/// <summary>A webhook body that is not an event: not JSON, or without the fields every event has.</summary>
public sealed class WebhookPayloadException : FormatException
{
    public WebhookPayloadException(string message)
        : base(message)
    {
    }

    public WebhookPayloadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
