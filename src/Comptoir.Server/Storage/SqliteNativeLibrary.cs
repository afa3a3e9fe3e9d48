using System.Reflection;
using System.Runtime.InteropServices;

namespace Comptoir.Server.Storage;

/// <summary>
/// Chooses the SQLite engine: the system's libsqlite3 when there is one (Linux distributions build it with usleep),
/// else the copy bundled with SQLitePCLRaw. The bundled 3.35.5 is built without usleep, so every sleep inside SQLite
/// is rounded up to a whole second: its busy handler (replaced, see SqliteBusyWait) and the sleeps inside SQLite no
/// handler reaches (WAL read retries among them). With the handler replaced, all 32 benchmark connections still
/// stalled together for ~1,020 ms a few times a minute; on the system library they do not (max 49 ms).
/// COMPTOIR_SQLITE=bundled keeps the bundled copy.
/// </summary>
public static class SqliteNativeLibrary
{
    private const string BundledName = "e_sqlite3";
    private static readonly Lazy<IntPtr> System = new(LoadSystem);
    private static int _configured;
    private static bool _installed;

    /// <summary>Which engine this process uses: "system" or "bundled".</summary>
    public static string Engine => _installed && System.Value != IntPtr.Zero ? "system" : "bundled";

    /// <summary>
    /// Installs the choice. It must come before the first SQLite call of the process: if the bundled library is
    /// already loaded, it stays the only one (two SQLite libraries in one process would share nothing, not even
    /// locks), and this does nothing.
    /// </summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1 || BundledAlreadyLoaded())
        {
            return;
        }

        // Both the provider and our own imports (SqliteBusyWait) must resolve to the same library.
        foreach (var assembly in new[] { typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, typeof(SqliteNativeLibrary).Assembly })
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }

        _installed = true;
    }

    private static bool BundledAlreadyLoaded() =>
        OperatingSystem.IsLinux() && File.ReadLines("/proc/self/maps").Any(line => line.EndsWith("/libe_sqlite3.so", StringComparison.Ordinal));

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == BundledName ? System.Value : IntPtr.Zero;

    private static IntPtr LoadSystem()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("COMPTOIR_SQLITE") == "bundled")
        {
            return IntPtr.Zero;
        }

        return NativeLibrary.TryLoad("libsqlite3.so.0", out var handle) ? handle : IntPtr.Zero;
    }
}
