using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server;

/// <summary>Named server-wide secrets kept in the database, so every process of a deployment shares them.</summary>
public static class ServerSecrets
{
    public static async Task<string> GetOrCreateAsync(ServerOptions options, string name, Func<string> create, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(clock);
        await using var database = Database.Open(options.Database, options.DataDirectory);
        await Migrator.MigrateAsync(database, clock, cancellationToken).ConfigureAwait(false);
        return await database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO server_secrets (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING",
                new { name, value = create(), now = Timestamps.ToText(clock.GetUtcNow()) }, t).ConfigureAwait(false);
            return await c.ExecuteScalarAsync<string>("SELECT value FROM server_secrets WHERE name = @name", new { name }, t).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"Secret {name} could not be stored.");
    }
}
