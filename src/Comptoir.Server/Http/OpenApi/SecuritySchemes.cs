using Microsoft.OpenApi;

namespace Comptoir.Server.Http.OpenApi;

/// <summary>The two credentials the API takes (see Http/Auth/CredentialStore) and the requirement a route states.</summary>
internal static class SecuritySchemes
{
    public const string ApiKey = "ApiKey";
    public const string Bearer = "Bearer";

    public static Dictionary<string, IOpenApiSecurityScheme> All() => new(StringComparer.Ordinal)
    {
        [ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Authorization",
            Description = "An organization's API key: `Authorization: <organization-slug>:<secret-key>`. It has every scope.",
        },
        [Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token: `Authorization: Bearer <access-token>`, limited to the scopes it was granted.",
        },
    };

    /// <summary>Either credential; a bearer token must carry <paramref name="scope"/> when there is one.</summary>
    public static List<OpenApiSecurityRequirement> Requirements(OpenApiDocument document, string? scope) =>
    [
        new() { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] },
        new() { [new OpenApiSecuritySchemeReference(Bearer, document)] = scope is null ? [] : [scope] },
    ];
}
