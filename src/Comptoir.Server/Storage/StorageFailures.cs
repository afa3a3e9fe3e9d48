using Microsoft.Data.Sqlite;
using Npgsql;

namespace Comptoir.Server.Storage;

/// <summary>
/// Tells a database that cannot serve right now (unreachable, restarting, out of connections or disk, locked beyond
/// the wait) from a failure of the request itself. The first is answered 503 with Retry-After: nothing was accepted,
/// and the same request can be sent again; the second stays a logged 500.
/// </summary>
public static class StorageFailures
{
    // SQLITE_BUSY, SQLITE_LOCKED (after the ~30 s busy wait), SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN.
    private static readonly HashSet<int> UnavailableSqliteCodes = [5, 6, 10, 13, 14];

    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Npgsql marks as transient what a retry may cure: network failures, timeouts (the pool's too),
                // and server states such as 57P01 (shutting down), 57P03 (starting up) or class 53 (resources).
                case NpgsqlException { IsTransient: true }:
                case SqliteException s when UnavailableSqliteCodes.Contains(s.SqliteErrorCode):
                    return true;
            }
        }

        return false;
    }
}
