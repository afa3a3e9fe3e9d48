using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Http;

/// <summary>The server's public base URL: the configured one, else what the request was addressed to.</summary>
public static class PublicUrls
{
    public static string Base(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configured = context.RequestServices.GetRequiredService<ServerOptions>().PublicBaseUrl;
        return configured is not null ? configured.TrimEnd('/') : $"{context.Request.Scheme}://{context.Request.Host}";
    }
}
