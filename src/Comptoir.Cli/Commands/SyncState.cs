using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Comptoir.Cli.Commands;

/// <summary>
/// The sync's local state (DIR/.comptoir-sync.db, SQLite): each record's latest JSON and updated_at, and the
/// checkpoint of each kind. Records are stored before the checkpoint moves, so an interrupted run resumes from the
/// old checkpoint and rewrites nothing twice: the JSON lines file is regenerated from this table.
/// </summary>
public sealed class SyncState : IDisposable
{
    private readonly SqliteConnection _connection;

    public SyncState(string directory)
    {
        SQLitePCL.Batteries_V2.Init();
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, ".comptoir-sync.db"), Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS checkpoints (kind TEXT PRIMARY KEY, value TEXT NOT NULL); " +
                "CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, id TEXT NOT NULL, updated_at TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, id)); " +
                // Lets WriteJsonLines stream in order instead of sorting every record in memory (peak RSS grew with the count).
                "CREATE INDEX IF NOT EXISTS records_in_order ON records (kind, updated_at, id);");
    }

    public DateTimeOffset? Checkpoint(string kind)
    {
        using var command = Command("SELECT value FROM checkpoints WHERE kind = $kind", ("$kind", kind));
        return command.ExecuteScalar() is string value ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture) : null;
    }

    public void SetCheckpoint(string kind, DateTimeOffset at)
    {
        using var command = Command("INSERT INTO checkpoints (kind, value) VALUES ($kind, $value) ON CONFLICT (kind) DO UPDATE SET value = excluded.value",
            ("$kind", kind), ("$value", at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        command.ExecuteNonQuery();
    }

    /// <summary>True when this exact version (id and updated_at) is already stored.</summary>
    public bool Has(string kind, string id, string updatedAt)
    {
        using var command = Command("SELECT COUNT(*) FROM records WHERE kind = $kind AND id = $id AND updated_at = $updated", ("$kind", kind), ("$id", id), ("$updated", updatedAt));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    public void Store(string kind, string id, string updatedAt, string json)
    {
        using var command = Command("INSERT INTO records (kind, id, updated_at, json) VALUES ($kind, $id, $updated, $json) ON CONFLICT (kind, id) DO UPDATE SET updated_at = excluded.updated_at, json = excluded.json",
            ("$kind", kind), ("$id", id), ("$updated", updatedAt), ("$json", json));
        command.ExecuteNonQuery();
    }

    /// <summary>Writes one JSON line per record (its latest version), atomically replacing the file.</summary>
    public int WriteJsonLines(string kind, string path)
    {
        var temporary = path + ".tmp";
        var count = 0;
        using (var writer = new StreamWriter(temporary))
        {
            using var command = Command("SELECT json FROM records WHERE kind = $kind ORDER BY updated_at, id", ("$kind", kind));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                writer.Write(reader.GetString(0));
                writer.Write('\n');
                count++;
            }
        }

        File.Move(temporary, path, overwrite: true);
        return count;
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, string Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
