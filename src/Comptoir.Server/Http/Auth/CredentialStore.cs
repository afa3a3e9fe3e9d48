using System.Collections.Concurrent;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Http.Auth;

/// <summary>
/// Resolves an Authorization header to a principal: "slug:secret" (API key) or "Bearer token" (access token).
/// Successful lookups are cached for a few seconds so hot clients do not hit the database on every request;
/// revocation therefore takes effect within <see cref="CacheFor"/>.
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

        var principal = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await FromAccessTokenAsync(authorization[7..].Trim(), now, cancellationToken).ConfigureAwait(false)
            : await FromApiKeyAsync(authorization.Trim(), cancellationToken).ConfigureAwait(false);
        if (principal is not null)
        {
            if (_cache.Count > 10_000)
            {
                _cache.Clear();
            }

            _cache[authorization] = (principal, now + CacheFor);
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
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<(string KeyId, string OrganizationId, string Slug)>(
            "SELECT k.id, o.id, o.slug FROM api_keys k JOIN organizations o ON o.id = k.organization_id WHERE k.secret_hash = @hash AND k.revoked_at IS NULL",
            new { hash }), cancellationToken).ConfigureAwait(false);
        // The slug must match too: a secret presented with another organization's slug is refused.
        return row.KeyId is not null && Secrets.FixedTimeEquals(row.Slug, slug) ? new ApiPrincipal(row.OrganizationId, row.Slug, null, row.KeyId) : null;
    }

    private async Task<ApiPrincipal?> FromAccessTokenAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 200)
        {
            return null;
        }

        var hash = Secrets.Hash(token);
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<(string TokenId, string OrganizationId, string Slug, string Scopes, string? ExpiresAt)>(
            "SELECT t.id, o.id, o.slug, t.scopes, t.expires_at FROM access_tokens t JOIN organizations o ON o.id = t.organization_id WHERE t.token_hash = @hash AND t.revoked_at IS NULL",
            new { hash }), cancellationToken).ConfigureAwait(false);
        if (row.TokenId is null || (row.ExpiresAt is not null && Timestamps.Parse(row.ExpiresAt) <= now))
        {
            return null;
        }

        return new ApiPrincipal(row.OrganizationId, row.Slug, Scopes.Parse(row.Scopes, out _), row.TokenId);
    }
}
