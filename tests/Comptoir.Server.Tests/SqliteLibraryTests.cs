using System.Diagnostics;
using Comptoir.Server.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Comptoir.Server.Tests;

/// <summary>The SQLite the server runs on: the copy bundled with the driver, recent enough to sleep in milliseconds.</summary>
public class SqliteLibraryTests
{
    [Fact]
    public async Task The_startup_line_names_the_version_every_connection_runs_on()
    {
        var directory = Directory.CreateTempSubdirectory("comptoir-library-").FullName;
        await using var database = Database.Open(null, directory);

        var version = await database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT sqlite_version()"));

        Assert.Equal(SqliteLibrary.Version, version);
        Assert.StartsWith($"SQLite {version}, ", database.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_bundled_native_library_is_loaded()
    {
        // Two SQLite libraries in one process would not see each other's locks.
        _ = SqliteLibrary.Version;
        var libraries = File.ReadLines("/proc/self/maps").Select(l => Path.GetFileName(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]))
            .Where(name => name.Contains("sqlite", StringComparison.OrdinalIgnoreCase) && name.Contains(".so", StringComparison.Ordinal)).Distinct().ToList();

        Assert.Equal(["libe_sqlite3.so"], libraries);
    }

    [Fact]
    public async Task Sqlite_own_lock_wait_ends_within_milliseconds_of_the_release()
    {
        // SQLite 3.35.5 as bundled with SQLitePCLRaw 2.0 had no usleep and waited at least 1,000 ms for any lock.
        var file = Path.Combine(Directory.CreateTempSubdirectory("comptoir-library-").FullName, "lock.db");
        await using (var create = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await create.OpenAsync();
            await create.ExecuteAsync("PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY)");
        }

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            await using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
            await using var waiter = new SqliteConnection($"Data Source={file};Pooling=False");
            await holder.OpenAsync();
            await waiter.OpenAsync();
            await waiter.ExecuteAsync("PRAGMA busy_timeout=30000");
            var held = holder.BeginTransaction(deferred: false);
            var release = Task.Run(async () =>
            {
                await Task.Delay(20);
                held.Rollback();
            });
            var watch = Stopwatch.StartNew();
            await waiter.ExecuteAsync("INSERT INTO t DEFAULT VALUES");
            waits.Add(watch.Elapsed);
            await release;
        }

        // The shortest of three, so that one scheduling hiccup on a loaded machine does not decide.
        Assert.InRange(waits.Min(), TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(500));
    }
}
