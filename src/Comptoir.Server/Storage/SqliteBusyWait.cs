using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace Comptoir.Server.Storage;

/// <summary>
/// What a SQLite connection does when another holds the lock it needs. The bundled SQLite is built without usleep,
/// so its own busy_timeout handler sleeps in whole seconds: any lock conflict, however brief, cost at least one
/// second (measured: 1,001 ms waited for a lock released after 20 ms; in the load benchmark, all 32 requests stalled
/// together two or three times in ten seconds). This handler waits in milliseconds, for about 30 s in all.
/// </summary>
internal static unsafe partial class SqliteBusyWait
{
    /// <summary>Attempts before giving up (SQLITE_BUSY): about 30 seconds of waits.</summary>
    public const int MaxAttempts = 3_050;

    public static void Install(sqlite3 handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        // SQLitePCLRaw 2.0 does not wrap sqlite3_busy_handler: call the bundled library directly.
        if (BusyHandler(handle.DangerousGetHandle(), &Wait, IntPtr.Zero) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException("Could not install the SQLite busy handler.");
        }
    }

    /// <summary>Milliseconds to wait before attempt <paramref name="attempt"/> + 1, or null to give up.</summary>
    public static int? Delay(int attempt) => attempt switch
    {
        >= MaxAttempts => null,
        < 10 => 1,
        < 50 => 2,
        _ => 10,
    };

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Wait(IntPtr state, int attempt)
    {
        if (Delay(attempt) is not { } milliseconds)
        {
            return 0;
        }

        Thread.Sleep(milliseconds);
        return 1;
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_busy_handler")]
    private static partial int BusyHandler(IntPtr database, delegate* unmanaged[Cdecl]<IntPtr, int, int> handler, IntPtr state);
}
