using Comptoir.Server.Storage;

namespace Comptoir.Server.Tests.Support;

/// <summary>Fresh, migrated databases of either engine, one per test.</summary>
public static class TestDatabases
{
    public static TheoryData<string> Engines => new("sqlite", "postgres");

    public static async Task<Database> CreateAsync(string engine)
    {
        var database = engine switch
        {
            "sqlite" => Database.Sqlite(Path.Combine(Directory.CreateTempSubdirectory("comptoir-sqlite-").FullName, "comptoir.db")),
            "postgres" => Database.Postgres(PostgresCluster.Instance.CreateDatabase()),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, null),
        };
        await Migrator.MigrateAsync(database, TimeProvider.System);
        return database;
    }

    /// <summary>A connection string for a fresh, unmigrated database of the engine.</summary>
    public static string NewConnectionString(string engine) => engine == "postgres"
        ? PostgresCluster.Instance.CreateDatabase()
        : Path.Combine(Directory.CreateTempSubdirectory("comptoir-sqlite-").FullName, "comptoir.db");
}
