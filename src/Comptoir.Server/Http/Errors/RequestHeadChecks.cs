using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Comptoir.Server.Http.Errors;

/// <summary>
/// The API's limits on a request's head, checked first in the error middleware so that a refusal comes in the
/// envelope with the trace id. Kestrel refuses on its own, with an empty body, whatever it cannot parse and anything
/// past its hard limits; those are set well above the API's limits (ComptoirServer), so a 100 KB query or a 64 KB
/// header still reaches this check.
/// </summary>
public static class RequestHeadChecks
{
    /// <summary>The request target (path and query, as sent): Kestrel's default request line limit.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>All header lines together: Kestrel's default limit.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's own request line limit, past which it answers 414 with no body.</summary>
    public const int HardMaxTargetBytes = 128 * 1024;

    /// <summary>Kestrel's own header limit, past which it answers 431 with no body.</summary>
    public const int HardMaxHeaderBytes = 128 * 1024;

    /// <exception cref="ApiException">414, 431, or 400 for a NUL in a query parameter.</exception>
    public static void Check(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        if (target.Length > MaxTargetBytes)
        {
            throw new ApiException(StatusCodes.Status414UriTooLong, new ApiError("uri_too_long", $"The request path and query are {target.Length} bytes long; the largest is {MaxTargetBytes}."));
        }

        var headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                // "Name: value\r\n", as on the wire.
                headerBytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headerBytes > MaxHeaderBytes)
        {
            throw new ApiException(StatusCodes.Status431RequestHeaderFieldsTooLarge, new ApiError("headers_too_large", $"The request headers are {headerBytes} bytes long; the largest is {MaxHeaderBytes}."));
        }

        // A NUL has no meaning in a filter, and PostgreSQL refuses it in text: refuse it here, for every route.
        // (Kestrel itself refuses a %00 in the path.)
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                throw ApiException.BadRequest("invalid", $"The query parameter {name.Replace("\0", "%00", StringComparison.Ordinal)} contains a NUL character (%00).", parameter: name.Replace("\0", "%00", StringComparison.Ordinal));
            }
        }
    }
}
