namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Who is calling: an organization, the scopes granted (null: an API key, which has every scope), the credential, and
/// the membership the credential belongs to (what the caller creates is initiated by it).
/// </summary>
public sealed record ApiPrincipal(string OrganizationId, string OrganizationSlug, IReadOnlySet<string>? Scopes, string CredentialId, string MembershipId)
{
    public bool Has(string scope) => Scopes is null || Scopes.Contains(scope);
}
