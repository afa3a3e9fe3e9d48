using Comptoir.Server.Storage;
using Comptoir.Server.Tests.Support;
using Dapper;

namespace Comptoir.Server.Tests;

public class MigratorTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Migrations_apply_once_even_when_several_processes_start_together(string engine)
    {
        var connection = TestDatabases.NewConnectionString(engine);
        var databases = Enumerable.Range(0, 4).Select(_ => Database.Open(connection, Path.GetTempPath())).ToList();

        var applied = await Task.WhenAll(databases.Select(d => Migrator.MigrateAsync(d)));

        Assert.Equal(Migrator.Scripts(databases[0].Kind).Count(), applied.Sum());
        var versions = await databases[0].ReadAsync(c => c.QueryAsync<long>("SELECT version FROM schema_migrations"));
        Assert.Equal(Migrator.Scripts(databases[0].Kind).Select(s => (long)s.Version), versions.Order());
        Assert.Equal(0, await Migrator.MigrateAsync(databases[0]));
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public void Connection_strings_choose_the_engine()
    {
        Assert.Equal(DatabaseKind.Postgres, Database.Open("Host=db;Database=comptoir;Username=app", "/tmp").Kind);
        Assert.Equal(DatabaseKind.Postgres, Database.Open("postgresql://app:secret@db:5433/comptoir", "/tmp").Kind);
        Assert.Equal(DatabaseKind.Sqlite, Database.Open(null, Path.Combine(Path.GetTempPath(), "comptoir-open-test")).Kind);
        Assert.Equal(DatabaseKind.Sqlite, Database.Open("/tmp/x.db", "/tmp").Kind);
        Assert.DoesNotContain("secret", Database.Open("postgresql://app:secret@db:5433/comptoir", "/tmp").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_connections_prepare_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        var connection = PostgresCluster.Instance.CreateDatabase();
        await using (var database = Database.Open(connection, "/tmp"))
        await using (var opened = await database.OpenAsync())
        {
            Assert.Equal(64, new Npgsql.NpgsqlConnectionStringBuilder(opened.ConnectionString).MaxAutoPrepare);
        }

        await using (var database = Database.Open(connection + ";Max Auto Prepare=0", "/tmp"))
        await using (var opened = await database.OpenAsync())
        {
            Assert.Equal(0, new Npgsql.NpgsqlConnectionStringBuilder(opened.ConnectionString).MaxAutoPrepare);
        }
    }
}
