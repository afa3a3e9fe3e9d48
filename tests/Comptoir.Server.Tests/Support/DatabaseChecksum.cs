using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Tests.Support;

/// <summary>Every table's row count and a hash of its contents, on either engine: equal checksums mean no row changed.</summary>
public static class DatabaseChecksum
{
    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return await database.ReadAsync(async c =>
        {
            var tables = (await c.QueryAsync<string>(database.Kind == DatabaseKind.Postgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).Order(StringComparer.Ordinal).ToList();
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                result[table] = await TableAsync(c, table);
            }

            return (IReadOnlyDictionary<string, string>)result;
        });
    }

    private static async Task<string> TableAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                row.Append(value is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\u001f');
            }

            rows.Add(row.ToString());
        }

        rows.Sort(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows)));
        return $"{rows.Count} rows, {Convert.ToHexString(hash)[..16]}";
    }
}
