using Comptoir.Server.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Comptoir.Server.Tests;

/// <summary>The SQLite writer's compiled statements are reused without carrying anything from one use to the next.</summary>
public sealed class StatementCachingConnectionTests : IAsyncLifetime
{
    private const string Insert = "INSERT INTO notes (id, text) VALUES (@id, @text)";
    private StatementCachingConnection _connection = null!;

    public async Task InitializeAsync()
    {
        var inner = new SqliteConnection($"Data Source={Path.Combine(Directory.CreateTempSubdirectory("comptoir-cache-").FullName, "t.db")}");
        await inner.OpenAsync();
        _connection = new StatementCachingConnection(inner);
        await _connection.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task A_statement_is_compiled_once_and_each_use_binds_its_own_values()
    {
        await _connection.ExecuteAsync(Insert, new { id = 1, text = "first" });
        var idle = _connection.IdleStatements;
        await _connection.ExecuteAsync(Insert, new { id = 2, text = "second" });
        await _connection.ExecuteAsync(Insert, new { id = 3, text = (string?)null });

        Assert.Equal(idle, _connection.IdleStatements); // the same statement went back, no new one was kept
        var texts = (await _connection.QueryAsync<string?>("SELECT text FROM notes ORDER BY id")).ToArray();
        Assert.Equal(new string?[] { "first", "second", null }, texts);
    }

    [Fact]
    public async Task A_value_bound_for_one_use_is_not_left_for_the_next()
    {
        await _connection.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@id, 'x')", new { id = 1 });

        // The same text without its parameter fails as a fresh command would, instead of reusing id = 1.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _connection.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@id, 'x')"));
        Assert.Equal(1, await _connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes"));
    }

    [Fact]
    public async Task The_same_text_read_while_a_reader_of_it_is_open_gets_a_statement_of_its_own()
    {
        for (var i = 1; i <= 3; i++)
        {
            await _connection.ExecuteAsync(Insert, new { id = i, text = $"n{i}" });
        }

        const string Select = "SELECT id FROM notes WHERE id >= @from ORDER BY id";
        var outer = new List<long>();
        var inner = new List<long[]>();
        await using (var command = _connection.CreateCommand())
        {
            command.CommandText = Select;
            var from = command.CreateParameter();
            from.ParameterName = "@from";
            from.Value = 1;
            command.Parameters.Add(from);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                outer.Add(reader.GetInt64(0));
                inner.Add((await _connection.QueryAsync<long>(Select, new { from = 3 })).ToArray());
            }
        }

        Assert.Equal([1, 2, 3], outer);
        Assert.All(inner, ids => Assert.Equal([3], ids));
    }

    [Fact]
    public async Task A_reused_statement_runs_in_the_transaction_of_its_new_use()
    {
        await using (var first = await _connection.BeginTransactionAsync())
        {
            await _connection.ExecuteAsync(Insert, new { id = 1, text = "kept" }, first);
            await first.CommitAsync();
        }

        await using (var second = await _connection.BeginTransactionAsync())
        {
            await _connection.ExecuteAsync(Insert, new { id = 2, text = "rolled back" }, second);
            await second.RollbackAsync();
        }

        await _connection.ExecuteAsync(Insert, new { id = 3, text = "no transaction" });
        var ids = (await _connection.QueryAsync<long>("SELECT id FROM notes ORDER BY id")).ToArray();
        Assert.Equal([1, 3], ids);
    }

    [Fact]
    public async Task A_list_parameter_expanded_by_rewriting_the_text_keeps_its_values()
    {
        for (var i = 1; i <= 4; i++)
        {
            await _connection.ExecuteAsync(Insert, new { id = i, text = $"n{i}" });
        }

        // Dapper adds @ids1..@idsN, then rewrites the text: the values must follow the statement of the new text.
        const string Select = "SELECT text FROM notes WHERE id IN @ids ORDER BY id";
        Assert.Equal(["n2", "n4"], await _connection.QueryAsync<string>(Select, new { ids = new[] { 2, 4 } }));
        Assert.Equal(["n1", "n3", "n4"], await _connection.QueryAsync<string>(Select, new { ids = new[] { 1, 3, 4 } }));
    }
}
