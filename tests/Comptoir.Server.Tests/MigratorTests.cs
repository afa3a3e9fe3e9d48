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

        var applied = await Task.WhenAll(databases.Select(d => Migrator.MigrateAsync(d, TimeProvider.System)));

        Assert.Equal(Migrator.Scripts(databases[0].Kind).Count(), applied.Sum());
        var versions = await databases[0].ReadAsync(c => c.QueryAsync<long>("SELECT version FROM schema_migrations"));
        Assert.Equal(Migrator.Scripts(databases[0].Kind).Select(s => (long)s.Version), versions.Order());
        Assert.Equal(0, await Migrator.MigrateAsync(databases[0], TimeProvider.System));
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Each_migration_is_stamped_by_the_clock_it_is_given(string engine)
    {
        var clock = new ManualClock(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        await using var database = Database.Open(TestDatabases.NewConnectionString(engine), Path.GetTempPath());

        Assert.True(await Migrator.MigrateAsync(database, clock) > 0);

        var stamps = await database.ReadAsync(c => c.QueryAsync<string>("SELECT DISTINCT applied_at FROM schema_migrations"));
        Assert.Equal([Timestamps.ToText(clock.GetUtcNow())], stamps.ToArray());
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
    public async Task PostgreSQL_connection_defaults_apply_unless_the_connection_string_says_otherwise()
    {
        var connection = PostgresCluster.Instance.CreateDatabase();
        await using (var database = Database.Open(connection, "/tmp"))
        await using (var opened = await database.OpenAsync())
        {
            var settings = new Npgsql.NpgsqlConnectionStringBuilder(opened.ConnectionString);
            Assert.Equal(64, settings.MaxAutoPrepare);
            Assert.True(settings.NoResetOnClose);
            Assert.Equal(Math.Max(4, 2 * Environment.ProcessorCount), settings.MaxPoolSize);
        }

        await using (var database = Database.Open(connection + ";Max Auto Prepare=0;No Reset On Close=false;Maximum Pool Size=7", "/tmp"))
        await using (var opened = await database.OpenAsync())
        {
            var settings = new Npgsql.NpgsqlConnectionStringBuilder(opened.ConnectionString);
            Assert.Equal(0, settings.MaxAutoPrepare);
            Assert.False(settings.NoResetOnClose);
            Assert.Equal(7, settings.MaxPoolSize);
        }

        await using (var database = Database.Open(connection + ";MaxPoolSize=9", "/tmp"))
        await using (var opened = await database.OpenAsync())
        {
            Assert.Equal(9, new Npgsql.NpgsqlConnectionStringBuilder(opened.ConnectionString).MaxPoolSize);
        }
    }

    [Fact]
    public async Task PostgreSQL_stores_large_invoice_and_document_values_with_lz4()
    {
        await using var server = await RunningServer.StartAsync("postgres");
        var client = await Seeds.CreateClientAsync(server.Client);
        await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(client, server.Demo.Account.Iban));

        var compressions = await server.Database.ReadAsync(c => c.QueryAsync<(string Column, string Method)>(
            "SELECT attname, attcompression::text FROM pg_attribute WHERE (attrelid = 'client_invoices'::regclass AND attname IN ('body', 'rendered')) OR (attrelid = 'attachments'::regclass AND attname = 'content') OR (attrelid = 'idempotency_keys'::regclass AND attname = 'response_body') ORDER BY attname"));
        Assert.Equal([("body", "l"), ("content", "l"), ("rendered", "l"), ("response_body", "l")], compressions.ToArray());

        // A stored invoice's rendered JSON is large enough to be compressed, and it was, with LZ4.
        var stored = await server.Database.ReadAsync(c => c.QuerySingleAsync<string?>("SELECT pg_column_compression(rendered) FROM client_invoices LIMIT 1"));
        Assert.Equal("lz4", stored);
    }
}
