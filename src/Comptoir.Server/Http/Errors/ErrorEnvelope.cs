using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Errors;

/// <summary>Writes {"errors":[{code, detail, source:{pointer|parameter}}], "trace_id": "..."}.</summary>
public static class ErrorEnvelope
{
    public const string TraceHeader = "X-Comptoir-Trace-Id";

    public static async Task WriteAsync(HttpContext context, int status, IReadOnlyList<ApiError> errors, IDictionary<string, string>? headers = null, IDictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers[TraceHeader] = context.TraceIdentifier;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await using var json = new Utf8JsonWriter(context.Response.Body, Json.JsonConventions.WriterOptions);
        json.WriteStartObject();
        json.WriteStartArray("errors");
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString("code", error.Code);
            json.WriteString("detail", error.Detail);
            if (error.Pointer is not null || error.Parameter is not null)
            {
                json.WriteStartObject("source");
                if (error.Pointer is not null)
                {
                    json.WriteString("pointer", error.Pointer);
                }

                if (error.Parameter is not null)
                {
                    json.WriteString("parameter", error.Parameter);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("trace_id", context.TraceIdentifier);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
