using Microsoft.Data.Sqlite;
using Npgsql;

namespace Comptoir.Server.Storage;

/// <summary>
/// Tells a database that cannot serve right now (unreachable, restarting, out of connections or disk, read-only,
/// its file gone, locked beyond the wait) from a failure of the request itself. The first is answered 503 with
/// Retry-After: nothing was accepted, and the same request can be sent again; the second stays a logged 500.
/// </summary>
public static class StorageFailures
{
    // SQLITE_BUSY, SQLITE_LOCKED (after the ~30 s busy wait), SQLITE_READONLY (a read-only file or file system, or
    // the file moved away), SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN (the file or its directory is gone).
    private static readonly HashSet<int> UnavailableSqliteCodes = [5, 6, 8, 10, 13, 14];

    // Failures after which a SQLite connection is not trusted again: its file may be gone, read-only or damaged, and
    // SQLite may have rolled its transaction back on its own. SQLITE_NOMEM, READONLY, IOERR, CORRUPT, FULL, CANTOPEN,
    // NOTADB.
    private static readonly HashSet<int> SqliteFaultCodes = [7, 8, 10, 11, 13, 14, 26];

    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Npgsql marks as transient what a retry may cure: network failures, timeouts (the pool's too),
                // and server states such as 57P01 (shutting down), 57P03 (starting up) or class 53 (resources).
                case NpgsqlException { IsTransient: true }:
                case SqliteException s when UnavailableSqliteCodes.Contains(PrimaryCode(s)):
                    return true;
            }
        }

        return false;
    }

    /// <summary>True when a SQLite connection that met <paramref name="exception"/> should be closed and opened again.</summary>
    internal static bool IsSqliteFault(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException s && SqliteFaultCodes.Contains(PrimaryCode(s)))
            {
                return true;
            }
        }

        return false;
    }

    // The primary result code, whether the driver reported it or an extended one (SQLITE_IOERR_WRITE is 778).
    private static int PrimaryCode(SqliteException e) => e.SqliteErrorCode & 0xFF;
}
