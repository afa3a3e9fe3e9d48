using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Comptoir.Client.AspNetCore;

/// <summary>One mapped endpoint's request pipeline: body, signature, event, duplicate check, handler, answer.</summary>
internal sealed partial class WebhookDeliveryReceiver(
    string secret,
    TimeSpan tolerance,
    long maxBodyBytes,
    IWebhookEventDeduplicator deduplicator,
    TimeProvider clock,
    Func<WebhookEvent, IServiceProvider, CancellationToken, Task> handler,
    CancellationToken stopping,
    ILogger logger)
{
    public async Task ReceiveAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await AnswerErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"The body is larger than {maxBodyBytes} bytes.").ConfigureAwait(false);
            return;
        }

        WebhookEvent hook;
        try
        {
            hook = WebhookEvent.VerifyAndParse(body, context.Request.Headers[WebhookSignature.Header].ToString(), secret, clock, tolerance);
        }
        catch (WebhookSignatureException e)
        {
            LogRefused(logger, e.Reason);
            await AnswerErrorAsync(context, StatusCodes.Status401Unauthorized, Code(e.Reason), e.Message).ConfigureAwait(false);
            return;
        }
        catch (WebhookPayloadException e)
        {
            await AnswerErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_event", e.Message).ConfigureAwait(false);
            return;
        }

        switch (await deduplicator.TryClaimAsync(hook.Id, context.RequestAborted).ConfigureAwait(false))
        {
            case WebhookEventClaim.AlreadyHandled:
                await AnswerAsync(context, StatusCodes.Status200OK, "duplicate").ConfigureAwait(false);
                return;
            case WebhookEventClaim.InProgress:
                await AnswerErrorAsync(context, StatusCodes.Status409Conflict, "in_progress", "Another delivery of this event is being handled; send it again later.").ConfigureAwait(false);
                return;
        }

        try
        {
            await handler(hook, context.RequestServices, stopping).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The sender retries a non-2xx answer: released, the event runs the handler again then.
            await deduplicator.ReleaseAsync(hook.Id, CancellationToken.None).ConfigureAwait(false);
            LogHandlerFailed(logger, e, hook.Id, hook.Type);
            await AnswerErrorAsync(context, StatusCodes.Status500InternalServerError, "handler_failed", "The event's handler failed; the delivery will be retried.").ConfigureAwait(false);
            return;
        }

        await deduplicator.CompleteAsync(hook.Id, CancellationToken.None).ConfigureAwait(false);
        await AnswerAsync(context, StatusCodes.Status200OK, "handled").ConfigureAwait(false);
    }

    /// <summary>The raw body, or null when it is larger than the limit (refused before reading when its length says so).</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > maxBodyBytes)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The server's own limit (30 MB in Kestrel) goes down to ours; one byte more tells "too large" from "full".
            limit.MaxRequestBodySize = maxBodyBytes + 1;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(maxBodyBytes + 1, context.Request.ContentLength ?? 16 * 1024) + 1);
        try
        {
            while (true)
            {
                var read = await context.Request.Body.ReadAsync(buffer.GetMemory(4096), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBodyBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static string Code(WebhookSignatureCheck reason) => reason switch
    {
        WebhookSignatureCheck.Missing => "missing_signature",
        WebhookSignatureCheck.OutsideTolerance => "timestamp_outside_tolerance",
        _ => "invalid_signature",
    };

    private static Task AnswerAsync(HttpContext context, int status, string outcome) =>
        WriteJsonAsync(context, status, json => json.WriteString("status", outcome));

    private static Task AnswerErrorAsync(HttpContext context, int status, string code, string detail) =>
        WriteJsonAsync(context, status, json =>
        {
            json.WriteStartArray("errors");
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteString("detail", detail);
            json.WriteEndObject();
            json.WriteEndArray();
        });

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Comptoir webhook refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, WebhookSignatureCheck reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Comptoir webhook handler failed for event {EventId} ({Type}); answered 500, the sender will retry")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventId, string type);
}
