using Comptoir.Server.Http.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Authenticates every /v2 request, except on routes marked <c>AllowAnonymous()</c> (the signed download, the OpenAPI
/// document): both Authorization forms, and in sandbox mode the X-Qonto-Staging-Token header. The principal is stored
/// for the handlers and <see cref="ScopeCheckMiddleware"/>. A /v2 path that matches no route needs credentials too.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, CredentialStore credentials, ServerOptions options)
{
    public const string StagingTokenHeader = "X-Qonto-Staging-Token";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v2") || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
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
}

/// <summary>The caller, for handlers; their route's scope was checked before they run.</summary>
public static class PrincipalAccess
{
    public static ApiPrincipal Principal(this HttpContext context) =>
        context.Items[typeof(ApiPrincipal)] as ApiPrincipal ?? throw ApiException.Unauthorized("Not authenticated.");
}
