using System.Net;

namespace Comptoir.Client;

/// <summary>One entry of the API's error envelope.</summary>
/// <param name="Code">Machine code (invalid, not_found, insufficient_funds, ...).</param>
/// <param name="Detail">Human sentence.</param>
/// <param name="Pointer">JSON pointer of the body field, if the error is about one.</param>
/// <param name="Parameter">Query parameter, if the error is about one.</param>
public sealed record ApiErrorDetail(string Code, string Detail, string? Pointer, string? Parameter);

/// <summary>Any non-success answer of the API: the status, the envelope's errors, the trace id and the raw body.</summary>
public sealed class ComptoirApiException : Exception
{
    /// <summary>Builds the exception from a decoded error response.</summary>
    public ComptoirApiException(HttpStatusCode status, IReadOnlyList<ApiErrorDetail> errors, string? traceId, string rawBody, IReadOnlyDictionary<string, string>? fields = null)
        : base(Describe(status, errors, traceId))
    {
        StatusCode = status;
        Errors = errors;
        TraceId = traceId;
        RawBody = rawBody;
        Fields = fields ?? new Dictionary<string, string>();
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The entries of the errors[] array (code, detail, JSON pointer or parameter).</summary>
    public IReadOnlyList<ApiErrorDetail> Errors { get; }

    /// <summary>The trace id to quote to support (from the envelope or the response headers).</summary>
    public string? TraceId { get; }

    /// <summary>The response body as received, for logging.</summary>
    public string RawBody { get; }

    /// <summary>Extra top-level string fields of the envelope, such as sca_session_token on a 428.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The first error's code, or null.</summary>
    public string? Code => Errors.Count > 0 ? Errors[0].Code : null;

    private static string Describe(HttpStatusCode status, IReadOnlyList<ApiErrorDetail> errors, string? traceId)
    {
        var first = errors.Count > 0 ? errors[0] : null;
        var where = first?.Pointer ?? first?.Parameter;
        var detail = first is null ? "no error details" : $"{first.Code}: {first.Detail}{(where is null ? string.Empty : $" ({where})")}";
        return $"HTTP {(int)status}: {detail}{(traceId is null ? string.Empty : $" [trace {traceId}]")}";
    }
}
