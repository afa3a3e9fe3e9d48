using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.Http.Errors;

/// <summary>
/// Gives every response a trace id (header and, for errors, body) and turns every failure into the envelope:
/// ApiException with its status, a JSON body the strict reader refuses (JsonBodyException) with its status and
/// pointer, malformed requests and oversized bodies as 400/413, a request head over the API's limits as 414/431
/// (<see cref="RequestHeadChecks"/>), a database that cannot serve
/// for the moment as 503 with Retry-After, and anything unexpected as a logged 500 that reveals nothing internal.
/// </summary>
public sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.TraceIdentifier = Guid.NewGuid().ToString("N");
        context.Response.Headers[ErrorEnvelope.TraceHeader] = context.TraceIdentifier;
        try
        {
            RequestHeadChecks.Check(context);
            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted && context.Response.ContentLength is null)
            {
                await ErrorEnvelope.WriteAsync(context, 404, [new ApiError("not_found", $"No route for {context.Request.Method} {context.Request.Path}.")]).ConfigureAwait(false);
            }
            else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
            {
                await ErrorEnvelope.WriteAsync(context, 405, [new ApiError("method_not_allowed", $"{context.Request.Method} is not allowed on {context.Request.Path}.")]).ConfigureAwait(false);
            }
        }
        catch (ApiException e)
        {
            await ErrorEnvelope.WriteAsync(context, e.Status, e.Errors, e.Headers, e.Fields).ConfigureAwait(false);
        }
        catch (Json.JsonBodyException e)
        {
            await ErrorEnvelope.WriteAsync(context, e.Status, [new ApiError(e.Code, e.Detail, e.Pointer)]).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own status when it is a client error (413 over the body limit, 408 a body sent too slowly...).
            var status = e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400;
            var code = status == 413 ? "payload_too_large" : "bad_request";
            await ErrorEnvelope.WriteAsync(context, status, [new ApiError(code, e.Message)]).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (Storage.StorageFailures.IsUnavailable(e))
        {
            LogUnavailable(logger, e, context.Request.Method, context.Request.Path, context.TraceIdentifier);
            await ErrorEnvelope.WriteAsync(context, 503, [new ApiError("service_unavailable", "The database is unavailable for the moment; retry in a few seconds (with the same X-Qonto-Idempotency-Key, a retried POST is applied at most once).")],
                new Dictionary<string, string> { ["Retry-After"] = "2" }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, context.Request.Method, context.Request.Path, context.TraceIdentifier);
            await ErrorEnvelope.WriteAsync(context, 500, [new ApiError("internal_error", $"Something went wrong on our side; quote trace id {context.TraceIdentifier}.")]).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Database unavailable on {Method} {Path} (trace {TraceId}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path, string traceId);
}
