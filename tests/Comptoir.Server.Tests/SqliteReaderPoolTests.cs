using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Tests;

/// <summary>SQLite reads on kept connections: fresh data every time, nothing carried from a failed read.</summary>
public sealed class SqliteReaderPoolTests : IAsyncLifetime
{
    private const string Count = "SELECT COUNT(*) FROM notes WHERE text = @text";
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        _database = Database.Open(null, Directory.CreateTempSubdirectory("comptoir-readers-").FullName);
        await _database.WriteAsync((c, t) => c.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)", transaction: t));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_kept_statement_sees_every_write_committed_since_its_last_use()
    {
        for (var i = 1; i <= 3; i++)
        {
            await _database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO notes (text) VALUES ('x')", transaction: t));

            // The same text on the same kept connection: a statement left holding its snapshot would keep answering 1.
            Assert.Equal(i, await _database.ReadAsync(c => c.ExecuteScalarAsync<long>(Count, new { text = "x" })));
        }
    }

    [Fact]
    public async Task Reads_in_turn_reuse_one_connection_and_its_compiled_statement()
    {
        StatementCachingConnection? first = null;
        for (var i = 0; i < 5; i++)
        {
            await _database.ReadAsync(async c =>
            {
                var kept = Assert.IsType<StatementCachingConnection>(c);
                first ??= kept;
                Assert.Same(first, kept);
                return await c.ExecuteScalarAsync<long>(Count, new { text = "x" });
            });
        }

        Assert.Equal(1, first!.IdleStatements);
    }

    [Fact]
    public async Task Concurrent_reads_each_get_a_connection_of_their_own()
    {
        var inUse = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _database.ReadAsync(async c =>
        {
            var now = Interlocked.Increment(ref inUse);
            InterlockedMax(ref most, now);
            await Task.Delay(50);
            var count = await c.ExecuteScalarAsync<long>(Count, new { text = "x" });
            Interlocked.Decrement(ref inUse);
            return count;
        })));

        Assert.True(most > 1, "the reads did not overlap");
    }

    [Fact]
    public async Task A_read_that_fails_midway_gives_up_its_connection_and_the_next_read_is_clean()
    {
        for (var i = 0; i < 3; i++)
        {
            await _database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO notes (text) VALUES ('y')", transaction: t));
        }

        StatementCachingConnection? failed = null;
        await Assert.ThrowsAsync<InvalidOperationException>(() => _database.ReadAsync<long>(async c =>
        {
            failed = (StatementCachingConnection)c;
            await using var command = c.CreateCommand();
            command.CommandText = "SELECT id FROM notes";
            var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync(); // left open, mid-result, by the failure below
            throw new InvalidOperationException("boom");
        }));

        await _database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO notes (text) VALUES ('y')", transaction: t));
        var next = await _database.ReadAsync(async c => (Connection: c, Count: await c.ExecuteScalarAsync<long>(Count, new { text = "y" })));
        Assert.NotSame(failed, next.Connection);
        Assert.Equal(4, next.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
