using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Tests;

public class SqliteConnectionSettingsTests
{
    [Fact]
    public async Task Every_connection_handed_out_has_the_settings_whether_new_or_taken_from_the_pool()
    {
        var directory = Directory.CreateTempSubdirectory("comptoir-settings-").FullName;
        await using var database = Database.Open(null, directory);

        // Sequential opens reuse pooled handles (configured once); concurrent opens force new ones.
        var sequential = new List<(long, long, string)>();
        for (var i = 0; i < 5; i++)
        {
            sequential.Add(await database.ReadAsync(Settings));
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var connection = await database.OpenAsync();
            await Task.Delay(20);
            return await Settings(connection);
        }));

        Assert.All(sequential.Concat(concurrent), s => Assert.Equal((1L, 1L, "wal"), s));
    }

    private static async Task<(long ForeignKeys, long Synchronous, string JournalMode)> Settings(System.Data.Common.DbConnection c) =>
        (await c.ExecuteScalarAsync<long>("PRAGMA foreign_keys"), await c.ExecuteScalarAsync<long>("PRAGMA synchronous"),
         await c.ExecuteScalarAsync<string>("PRAGMA journal_mode") ?? string.Empty);
}
