using Comptoir.Server.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Comptoir.Server.Tests;

public class SqliteGroupCommitTests
{
    [Fact]
    public async Task Concurrent_writes_share_transactions_and_each_is_committed_when_its_task_completes()
    {
        await using var database = await NewDatabaseAsync();

        var writes = Enumerable.Range(0, 300).Select(async i =>
        {
            await database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@i, 'n')", new { i }, t));
            // Committed means visible to a fresh connection the moment the write returns.
            return await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes WHERE id = @i", new { i }));
        }).ToList();

        Assert.All(await Task.WhenAll(writes), seen => Assert.Equal(1, seen));
        var (transactions, units) = database.SqliteCommits;
        Assert.Equal(300 + 1, units); // the table's creation was one unit too
        Assert.True(transactions < units, $"{transactions} transactions for {units} writes: nothing was grouped");
    }

    [Fact]
    public async Task The_writer_adds_up_the_time_it_spends_on_writes_and_nothing_while_idle()
    {
        await using var database = await NewDatabaseAsync();
        var before = database.SqliteWriterBusy!.Value;

        // A write that holds the writer for 60 ms counts at least that long.
        await database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO notes (id, text) VALUES (1, 'n')", transaction: t);
            Thread.Sleep(60);
            return 0;
        });
        var afterWrite = database.SqliteWriterBusy!.Value;
        await Task.Delay(100);

        Assert.InRange(afterWrite - before, TimeSpan.FromMilliseconds(60), TimeSpan.FromSeconds(30));
        Assert.Equal(afterWrite, database.SqliteWriterBusy!.Value);
    }

    [Fact]
    public async Task A_write_that_throws_is_rolled_back_alone_and_gets_its_own_exception()
    {
        await using var database = await NewDatabaseAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            try
            {
                await database.WriteAsync(async (c, t) =>
                {
                    await c.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@i, 'n')", new { i }, t);
                    if (i % 3 == 0)
                    {
                        throw new InvalidOperationException($"refused {i}");
                    }

                    return 0;
                });
                return "ok";
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }));
        var duplicate = await Record.ExceptionAsync(() => database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO notes (id, text) VALUES (1, 'again')", transaction: t)));

        var kept = (await database.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM notes ORDER BY id"))).ToList();
        Assert.Equal(Enumerable.Range(0, 60).Where(i => i % 3 != 0).Select(i => (long)i), kept);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? $"refused {i}" : "ok"), outcomes);
        Assert.True(Database.IsUniqueViolation(Assert.IsType<SqliteException>(duplicate)));
    }

    [Fact]
    public async Task Writes_wait_for_another_process_holding_the_write_lock_then_commit()
    {
        var directory = Directory.CreateTempSubdirectory("comptoir-group-").FullName;
        await using var database = await NewDatabaseAsync(directory);
        await using var other = new SqliteConnection($"Data Source={Path.Combine(directory, "comptoir.db")};Pooling=False");
        await other.OpenAsync();
        var lockHeld = other.BeginTransaction(deferred: false);

        var writes = Enumerable.Range(0, 20).Select(i => database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@i, 'n')", new { i }, t))).ToList();
        await Task.Delay(300);
        Assert.DoesNotContain(writes, w => w.IsCompleted);
        lockHeld.Rollback();
        await Task.WhenAll(writes);

        Assert.Equal(20, await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes")));
    }

    [Fact]
    public async Task A_write_that_changes_many_pages_keeps_its_savepoint_journal_in_memory_and_still_rolls_back_alone()
    {
        await using var database = await NewDatabaseAsync();
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO notes (id, text) SELECT i, printf('%.500c', 'a') FROM n", transaction: t));

        // Each write runs in a savepoint, whose journal keeps every page the write changes. Past 64 KB SQLite spills
        // it to a temporary file unless temporary storage is in memory: under load that file took more bytes than
        // the WAL and the database together, a write system call for every page of every write.
        string[] spilled = [];
        var refused = await Record.ExceptionAsync(() => database.WriteAsync<int>(async (c, t) =>
        {
            await c.ExecuteAsync("UPDATE notes SET text = printf('%.500c', 'b')", transaction: t); // about 300 pages
            spilled = SqliteTemporaryFiles();
            throw new InvalidOperationException("refused after changing every page");
        }));

        Assert.IsType<InvalidOperationException>(refused);
        Assert.Empty(spilled);
        Assert.Equal(2000, await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes WHERE text = printf('%.500c', 'a')")));
    }

    // SQLite's temporary files are deleted as soon as they are opened: only the process's open descriptors show them.
    private static string[] SqliteTemporaryFiles() =>
        [.. new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(fd => fd.LinkTarget ?? string.Empty)
            .Where(target => target.Contains("etilqs_", StringComparison.Ordinal))];

    [Fact]
    public async Task A_write_started_inside_a_write_is_refused_instead_of_waiting_for_itself()
    {
        await using var database = await NewDatabaseAsync();

        var nested = await Record.ExceptionAsync(() => database.WriteAsync(async (c, t) =>
            await database.WriteAsync((c2, t2) => c2.ExecuteAsync("INSERT INTO notes (id, text) VALUES (1, 'n')", transaction: t2))));

        Assert.IsType<InvalidOperationException>(nested);
    }

    private static async Task<Database> NewDatabaseAsync(string? directory = null)
    {
        var database = Database.Open(null, directory ?? Directory.CreateTempSubdirectory("comptoir-group-").FullName);
        await database.WriteAsync((c, t) => c.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)", transaction: t));
        return database;
    }
}
