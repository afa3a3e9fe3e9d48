namespace Comptoir.Server.Storage;

/// <summary>
/// The SQLite engine: the copy bundled with SQLitePCLRaw (docs/decisions/0014-current-sqlite-package.md), the only
/// one the server loads, so every connection of the process shares its locks.
/// </summary>
internal static class SqliteLibrary
{
    private static readonly Lazy<string> LoadedVersion = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_libversion().utf8_to_string();
    });

    /// <summary>Its version, e.g. "3.53.3", for the startup line.</summary>
    public static string Version => LoadedVersion.Value;
}
