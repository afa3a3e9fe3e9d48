using System.Runtime.CompilerServices;

namespace Comptoir.Cli;

internal static class SqliteSetup
{
    // The sync state is a SQLite file too: choose the engine before this assembly's first SQLite call.
    [ModuleInitializer]
    internal static void Run() => Comptoir.Server.Storage.SqliteNativeLibrary.Configure();
}
