using System.Runtime.CompilerServices;

namespace Comptoir.Server.Storage;

internal static class SqliteModuleSetup
{
    // Before any code of this assembly can open a SQLite connection (see SqliteNativeLibrary).
#pragma warning disable CA2255 // a library's module initializer: here it must run before the first SQLite call
    [ModuleInitializer]
    internal static void Run() => SqliteNativeLibrary.Configure();
#pragma warning restore CA2255
}
