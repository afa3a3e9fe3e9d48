using Comptoir.Server.Http.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Enforces the scope a route declares (<see cref="RouteAccess.RequireScope"/>): a 403 naming the missing scope.
/// It runs before idempotency, so a token without the route's scope never sees a reply stored under a key. A route
/// marked <c>AllowAnonymous()</c> is not checked, as it is not authenticated.
/// </summary>
public sealed class ScopeCheckMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<CredentialRequirement>() is { Scope: { } scope } && metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            var principal = context.Principal();
            if (!principal.Has(scope))
            {
                throw ApiException.Forbidden("missing_scope", $"This access token lacks the '{scope}' scope.");
            }
        }

        return next(context);
    }
}
