using Comptoir.Server.Http.Errors;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Enforces the scope a route declares (<see cref="RouteAccess.RequireScope"/>): a 403 naming the missing scope.
/// It runs last before the endpoint, where the handlers used to check, so idempotency replays and the order of
/// answers are unchanged.
/// </summary>
public sealed class ScopeCheckMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<CredentialRequirement>() is { Scope: { } scope })
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
