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
    public ComptoirApiException(HttpStatusCode status, IReadOnlyList<ApiErrorDetail> errors, string? traceId, string rawBody, IReadOnlyDictionary<string, string>? fields = null)
        : base(Describe(status, errors, traceId))
    {
        StatusCode = status;
        Errors = errors;
        TraceId = traceId;
        RawBody = rawBody;
        Fields = fields ?? new Dictionary<string, string>();
    }

    public HttpStatusCode StatusCode { get; }

    public IReadOnlyList<ApiErrorDetail> Errors { get; }

    public string? TraceId { get; }

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
