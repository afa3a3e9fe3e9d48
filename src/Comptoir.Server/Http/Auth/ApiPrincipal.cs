namespace Comptoir.Server.Http.Auth;

/// <summary>Who is calling: an organization, and the scopes granted (null: an API key, which has every scope).</summary>
public sealed record ApiPrincipal(string OrganizationId, string OrganizationSlug, IReadOnlySet<string>? Scopes, string CredentialId)
{
    public bool Has(string scope) => Scopes is null || Scopes.Contains(scope);
}
