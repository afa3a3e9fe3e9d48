using System.Diagnostics;
using Comptoir.Server.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Comptoir.Bench;

/// <summary>
/// How long a write waits for a SQLite lock that another connection releases after 5, 20, 100 or 300 ms: through
/// Comptoir's Database (its busy handler) and through a plain connection with PRAGMA busy_timeout (SQLite's own
/// handler). What a second process (an admin command, `comptoir sync`, another server) costs a write.
/// </summary>
public static class LockWaitBenchmark
{
    public static async Task<int> RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("comptoir-bench-lock-").FullName;
        var file = Path.Combine(directory, "comptoir.db");
        try
        {
            await using var database = Database.Open(null, directory);
            await database.WriteAsync((c, t) => c.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY)", transaction: t));
            Console.WriteLine($"SQLite {await database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT sqlite_version()"))}; write waited (median of 10):");
            foreach (var hold in (int[])[5, 20, 100, 300])
            {
                var comptoir = new List<double>();
                var sqlite = new List<double>();
                for (var i = 0; i < 10; i++)
                {
                    comptoir.Add(await WaitAsync(file, hold, () => database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO notes DEFAULT VALUES", transaction: t))));
                    await using var plain = new SqliteConnection($"Data Source={file};Pooling=False");
                    await plain.OpenAsync();
                    await plain.ExecuteAsync("PRAGMA busy_timeout=30000");
                    sqlite.Add(await WaitAsync(file, hold, () => plain.ExecuteAsync("BEGIN IMMEDIATE; INSERT INTO notes DEFAULT VALUES; COMMIT;")));
                }

                Console.WriteLine($"lock released after {hold,3} ms: Comptoir's busy handler {Median(comptoir),4:0} ms, SQLite's busy_timeout {Median(sqlite),4:0} ms");
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double> WaitAsync(string file, int holdMilliseconds, Func<Task> write)
    {
        await using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync();
        var held = holder.BeginTransaction(deferred: false);
        var release = Task.Run(async () =>
        {
            await Task.Delay(holdMilliseconds);
            held.Rollback();
        });
        var watch = Stopwatch.StartNew();
        await write();
        await release;
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
