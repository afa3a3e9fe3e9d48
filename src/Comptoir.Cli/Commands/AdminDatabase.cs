using System.CommandLine;
using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;

namespace Comptoir.Cli.Commands;

/// <summary>Opening the database and finding organizations, for admin commands.</summary>
internal static class AdminDatabase
{
    public static async Task<Database> OpenAsync(StorageOptions storage, ParseResult parse, TimeProvider clock, CancellationToken ct)
    {
        var (dataDirectory, connection) = storage.Read(parse);
        var database = Database.Open(connection, dataDirectory);
        await Migrator.MigrateAsync(database, clock, ct).ConfigureAwait(false);
        return database;
    }

    public static async Task<OrganizationRow> OrganizationAsync(OrganizationStore store, string slug, CancellationToken ct) =>
        await store.FindBySlugAsync(slug, ct).ConfigureAwait(false)
        ?? throw new CliException($"No organization with slug '{slug}' (see 'comptoir admin organizations list').", ExitCodes.Failed);
}
