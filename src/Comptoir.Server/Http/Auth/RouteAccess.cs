using Microsoft.AspNetCore.Builder;

namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Endpoint metadata: what a route asks of its caller. <see cref="Scope"/> null means any valid credential;
/// a route that needs no credential at all carries the framework's <c>AllowAnonymous()</c> mark instead.
/// </summary>
public sealed record CredentialRequirement(string? Scope);

/// <summary>Declares a route's access on the route or its group; enforced once, by <see cref="ScopeCheckMiddleware"/>.</summary>
public static class RouteAccess
{
    /// <summary>The caller's credential must grant <paramref name="scope"/> (an API key grants every scope).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        if (!Scopes.All.Contains(scope))
        {
            throw new ArgumentException($"'{scope}' is not a scope of the API.", nameof(scope));
        }

        return builder.WithMetadata(new CredentialRequirement(scope));
    }

    /// <summary>Any valid credential will do, whatever its scopes.</summary>
    public static TBuilder RequireCredential<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CredentialRequirement(null));
}
