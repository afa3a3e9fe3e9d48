using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Sends a finished list page: gzipped when the client accepts gzip (Python requests, Node fetch and curl
/// --compressed all do), as plain JSON otherwise; either way the same JSON once decoded.
/// </summary>
public sealed class CachedPageResult(ClientInvoicePageCache.Page page) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        var body = page.Body;
        if (AcceptsGzip(httpContext.Request))
        {
            body = page.Gzip();
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    internal static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
        {
            if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (value.Quality ?? 1) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
