namespace Comptoir.Server.Http.Errors;

/// <summary>One entry of the error envelope: a machine code, a human detail and what it is about.</summary>
/// <param name="Code">Machine-readable code (invalid, required, not_found, ...).</param>
/// <param name="Detail">One sentence for a person.</param>
/// <param name="Pointer">JSON pointer to the body field (e.g. /items/0/vat_rate), when the error is about the body.</param>
/// <param name="Parameter">The query parameter, when the error is about the query.</param>
public sealed record ApiError(string Code, string Detail, string? Pointer = null, string? Parameter = null);

/// <summary>Thrown by handlers and readers; the error middleware turns it into the envelope with its status.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int status, ApiError error)
        : this(status, [error])
    {
    }

    public ApiException(int status, IReadOnlyList<ApiError> errors)
        : base(errors.Count > 0 ? errors[0].Detail : "error")
    {
        Status = status;
        Errors = errors;
    }

    public int Status { get; }

    public IReadOnlyList<ApiError> Errors { get; }

    /// <summary>Extra response headers (Retry-After, ...).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>();

    /// <summary>Extra top-level string fields of the envelope (sca_session_token on a 428).</summary>
    public IDictionary<string, string> Fields { get; } = new Dictionary<string, string>();

    public static ApiException BadRequest(string code, string detail, string? parameter = null, string? pointer = null) =>
        new(400, new ApiError(code, detail, pointer, parameter));

    public static ApiException Invalid(string pointer, string code, string detail) => new(422, new ApiError(code, detail, pointer));

    public static ApiException NotFound(string what) => new(404, new ApiError("not_found", $"{what} not found."));

    public static ApiException Conflict(string code, string detail) => new(409, new ApiError(code, detail));

    public static ApiException Unauthorized(string detail) => new(401, new ApiError("unauthorized", detail));

    public static ApiException Forbidden(string code, string detail) => new(403, new ApiError(code, detail));
}
