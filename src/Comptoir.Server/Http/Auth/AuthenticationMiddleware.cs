using Comptoir.Server.Http.Errors;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Authenticates every /v2 request (except signed downloads): both Authorization forms, and in sandbox mode the
/// X-Qonto-Staging-Token header. The principal is stored for the handlers and scope checks.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, CredentialStore credentials, ServerOptions options)
{
    public const string StagingTokenHeader = "X-Qonto-Staging-Token";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v2") || IsPublic(path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (options.StagingToken is { } staging)
        {
            var presented = context.Request.Headers[StagingTokenHeader].ToString();
            if (presented.Length == 0 || !Secrets.FixedTimeEquals(presented, staging))
            {
                throw ApiException.Unauthorized($"This is a sandbox: every request needs the {StagingTokenHeader} header with the sandbox's staging token.");
            }
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            throw ApiException.Unauthorized("Missing Authorization header: send 'Authorization: <organization-slug>:<secret-key>' or 'Authorization: Bearer <access-token>'.");
        }

        var principal = await credentials.ResolveAsync(authorization, context.RequestAborted).ConfigureAwait(false)
            ?? throw ApiException.Unauthorized("The credentials are not valid (unknown, revoked or expired).");
        context.Items[typeof(ApiPrincipal)] = principal;
        await next(context).ConfigureAwait(false);
    }

    private static bool IsPublic(PathString path) =>
        path.Value is { } value && value.EndsWith("/download", StringComparison.Ordinal) && value.StartsWith("/v2/attachments/", StringComparison.Ordinal);
}

/// <summary>Access to the caller and scope checks from handlers.</summary>
public static class PrincipalAccess
{
    public static ApiPrincipal Principal(this HttpContext context) =>
        context.Items[typeof(ApiPrincipal)] as ApiPrincipal ?? throw ApiException.Unauthorized("Not authenticated.");

    /// <summary>The caller, if it has <paramref name="scope"/>; otherwise a 403 naming the missing scope.</summary>
    public static ApiPrincipal Require(this HttpContext context, string scope)
    {
        var principal = context.Principal();
        if (!principal.Has(scope))
        {
            throw ApiException.Forbidden("missing_scope", $"This access token lacks the '{scope}' scope.");
        }

        return principal;
    }
}
