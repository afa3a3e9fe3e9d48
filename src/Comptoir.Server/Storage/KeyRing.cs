using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dapper;

namespace Comptoir.Server.Storage;

/// <summary>
/// Named 256-bit HMAC keys kept in the database (table server_secrets), created on first use, so every process of a
/// deployment signs and verifies alike; cached after the first read.
/// </summary>
public sealed class KeyRing(Database database, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public async Task<byte[]> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_keys.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var candidate = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var stored = await database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO server_secrets (name, value, created_at) VALUES (@name, @candidate, @now) ON CONFLICT (name) DO NOTHING",
                new { name, candidate, now = Timestamps.ToText(clock.GetUtcNow()) }, t).ConfigureAwait(false);
            return await c.ExecuteScalarAsync<string>("SELECT value FROM server_secrets WHERE name = @name", new { name }, t).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return _keys.GetOrAdd(name, Convert.FromBase64String(stored!));
    }
}
