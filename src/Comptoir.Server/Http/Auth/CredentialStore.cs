using System.Collections.Concurrent;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Resolves an Authorization header to a principal: "slug:secret" (API key) or "Bearer token" (access token).
/// Successful lookups are cached for a few seconds so hot clients do not hit the database on every request:
/// a revocation (which may come from another process, such as `comptoir admin credentials revoke`) takes effect
/// within <see cref="CacheFor"/>. An access token's expiry applies at the instant it passes: a cached entry never
/// outlives the token.
/// </summary>
public sealed class CredentialStore(Database database, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ApiPrincipal Principal, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<ApiPrincipal?> ResolveAsync(string authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(authorization, out var cached) && cached.Until > now)
        {
            return cached.Principal;
        }

        var (principal, expiresAt) = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await FromAccessTokenAsync(authorization[7..].Trim(), now, cancellationToken).ConfigureAwait(false)
            : (await FromApiKeyAsync(authorization.Trim(), cancellationToken).ConfigureAwait(false), null);
        if (principal is not null)
        {
            if (_cache.Count > 10_000)
            {
                _cache.Clear();
            }

            var until = now + CacheFor;
            _cache[authorization] = (principal, expiresAt is { } expiry && expiry < until ? expiry : until);
        }

        return principal;
    }

    private async Task<ApiPrincipal?> FromApiKeyAsync(string value, CancellationToken cancellationToken)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            return null;
        }

        var slug = value[..colon];
        var hash = Secrets.Hash(value[(colon + 1)..]);
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<(string KeyId, string OrganizationId, string Slug, string? MembershipId)>(
            $"SELECT k.id, o.id, o.slug, {MembershipOf("k")} FROM api_keys k JOIN organizations o ON o.id = k.organization_id WHERE k.secret_hash = @hash AND k.revoked_at IS NULL",
            new { hash }), cancellationToken).ConfigureAwait(false);
        // The slug must match too: a secret presented with another organization's slug is refused.
        return row.KeyId is not null && row.MembershipId is not null && Secrets.FixedTimeEquals(row.Slug, slug)
            ? new ApiPrincipal(row.OrganizationId, row.Slug, null, row.KeyId, row.MembershipId)
            : null;
    }

    private async Task<(ApiPrincipal? Principal, DateTimeOffset? ExpiresAt)> FromAccessTokenAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 200)
        {
            return (null, null);
        }

        var hash = Secrets.Hash(token);
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<(string TokenId, string OrganizationId, string Slug, string Scopes, string? ExpiresAt, string? MembershipId)>(
            $"SELECT t.id, o.id, o.slug, t.scopes, t.expires_at, {MembershipOf("t")} FROM access_tokens t JOIN organizations o ON o.id = t.organization_id WHERE t.token_hash = @hash AND t.revoked_at IS NULL",
            new { hash }), cancellationToken).ConfigureAwait(false);
        var expiresAt = row.ExpiresAt is null ? (DateTimeOffset?)null : Timestamps.Parse(row.ExpiresAt);
        if (row.TokenId is null || row.MembershipId is null || expiresAt <= now)
        {
            return (null, null);
        }

        return (new ApiPrincipal(row.OrganizationId, row.Slug, Scopes.Parse(row.Scopes, out _), row.TokenId, row.MembershipId), expiresAt);
    }

    /// <summary>
    /// The credential's membership; a credential written without one (by a server older than memberships, still
    /// running beside this one) acts as its organization's owner.
    /// </summary>
    private static string MembershipOf(string credential) =>
        $"COALESCE({credential}.membership_id, (SELECT m.id FROM memberships m WHERE m.organization_id = o.id AND m.role = 'owner' ORDER BY m.created_at, m.id LIMIT 1))";
}
