using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Comptoir.Server.Storage;

/// <summary>
/// Whether a connection's database file is still the one at its path. An open file descriptor outlives its name: with
/// the data directory removed, unmounted or renamed, SQLite in WAL mode goes on committing into a file nobody will
/// open again, and every such write would be answered 2xx and lost. The writer asks before each COMMIT (one stat).
/// </summary>
internal static unsafe partial class SqliteFileCheck
{
    private const int HasMovedOperation = 20; // SQLITE_FCNTL_HAS_MOVED
    private const int ReadOnlyDatabaseMoved = 8 | (4 << 8); // SQLITE_READONLY_DBMOVED, as SQLite reports it itself

    /// <summary>Throws SQLITE_READONLY_DBMOVED when the file at the connection's path is gone or is another file.</summary>
    public static void ThrowIfMoved(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        int moved;
        var status = FileControl(handle.DangerousGetHandle(), "main", HasMovedOperation, &moved);
        if (status == raw.SQLITE_OK && moved != 0)
        {
            throw new SqliteException($"The database file {connection.DataSource} was moved or deleted while open (its directory removed or unmounted?); nothing was written.", 8, ReadOnlyDatabaseMoved);
        }
    }

    // SQLitePCLRaw does not wrap sqlite3_file_control: call the bundled library directly.
    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_file_control", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileControl(IntPtr database, string name, int operation, int* argument);
}
