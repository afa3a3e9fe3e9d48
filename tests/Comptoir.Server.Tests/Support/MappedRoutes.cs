using Comptoir.Server.Http.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests.Support;

/// <summary>One method of one mapped route, with what it declares of its caller.</summary>
public sealed record MappedRoute(string Method, string Path, RouteEndpoint Endpoint)
{
    /// <summary>"public", "credential" or the scope: the route's declared access; null when it declares none.</summary>
    public string? Access =>
        Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "public"
        : Endpoint.Metadata.GetMetadata<CredentialRequirement>() is { } requirement ? requirement.Scope ?? "credential"
        : null;

    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every method of every route the server maps, as the router sees them.</summary>
    public static IReadOnlyList<MappedRoute> Of(WebApplication app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => new MappedRoute(m, Normalize(e.RoutePattern.RawText), e)))
            .ToList();

    private static string Normalize(string? pattern)
    {
        var path = "/" + (pattern ?? string.Empty).Trim('/');
        return path;
    }
}
