using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace Comptoir.Server.Storage;

/// <summary>
/// What a SQLite connection does when another holds the lock it needs (a second process: an admin command,
/// `comptoir sync`, another server). SQLite's own busy_timeout handler backs off to 100 ms steps, so a write can go
/// on waiting up to 100 ms after the lock is free; this one polls every 1 to 10 ms, for about 30 s in all. Measured
/// with `bench -- lock-wait` on SQLite 3.53.3 (median of 10): a lock held 20 ms cost 22 ms instead of 35, one held
/// 300 ms 303 ms instead of 332 (docs/decisions/0014-current-sqlite-package.md).
/// </summary>
internal static unsafe partial class SqliteBusyWait
{
    /// <summary>Attempts before giving up (SQLITE_BUSY): about 30 seconds of waits.</summary>
    public const int MaxAttempts = 3_050;

    public static void Install(sqlite3 handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        // SQLitePCLRaw does not wrap sqlite3_busy_handler: call the bundled library directly.
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
