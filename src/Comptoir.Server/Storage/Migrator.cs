using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Comptoir.Server.Storage;

/// <summary>
/// Applies the embedded SQL migrations in order, each in its own transaction, recording them in schema_migrations.
/// Several processes may start at once: PostgreSQL serialises them with an advisory lock, SQLite with BEGIN IMMEDIATE.
/// A script named <c>NNNN_name.sqlite.sql</c> or <c>NNNN_name.postgres.sql</c> is for that engine alone and runs as
/// one batch (triggers and functions hold semicolons); plain <c>NNNN_name.sql</c> scripts serve both engines.
/// </summary>
public static class Migrator
{
    private const long AdvisoryLockKey = 0x436F6D70746F6972; // "Comptoir"

    /// <summary>Applies the scripts not yet applied; <paramref name="clock"/> stamps each one's applied_at.</summary>
    public static Task<int> MigrateAsync(Database database, TimeProvider clock, CancellationToken cancellationToken = default) =>
        MigrateAsync(database, clock, int.MaxValue, cancellationToken);

    /// <summary>Applies the scripts up to <paramref name="throughVersion"/>: tests build a database as an older release left it.</summary>
    internal static async Task<int> MigrateAsync(Database database, TimeProvider clock, int throughVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        var applied = 0;
        foreach (var (version, name, sql) in Scripts(database.Kind).Where(s => s.Version <= throughVersion))
        {
            var ran = await database.WriteAsync(async (connection, transaction) =>
            {
                if (database.Kind == DatabaseKind.Postgres)
                {
                    await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, transaction).ConfigureAwait(false);
                }

                await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", transaction: transaction).ConfigureAwait(false);
                var done = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, transaction).ConfigureAwait(false);
                if (done > 0)
                {
                    return false;
                }

                var text = sql.Replace("{BLOB}", database.Kind == DatabaseKind.Postgres ? "BYTEA" : "BLOB", StringComparison.Ordinal);
                foreach (var statement in IsEngineSpecific(name) ? [text] : Split(text))
                {
                    await connection.ExecuteAsync(statement, transaction: transaction).ConfigureAwait(false);
                }

                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                    new { version, name, at = Timestamps.ToText(clock.GetUtcNow()) }, transaction).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            applied += ran ? 1 : 0;
        }

        return applied;
    }

    internal static IEnumerable<(int Version, string Name, string Sql)> Scripts(DatabaseKind kind)
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "Comptoir.Server.Migrations.";
        var otherEngine = kind == DatabaseKind.Postgres ? ".sqlite.sql" : ".postgres.sql";
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !n.EndsWith(otherEngine, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            var version = int.Parse(name[..4], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, name, reader.ReadToEnd());
        }
    }

    private static bool IsEngineSpecific(string name) =>
        name.EndsWith(".sqlite.sql", StringComparison.Ordinal) || name.EndsWith(".postgres.sql", StringComparison.Ordinal);

    private static IEnumerable<string> Split(string sql) =>
        string.Join('\n', sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 0);
}
