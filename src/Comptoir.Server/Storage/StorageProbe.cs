using Dapper;

namespace Comptoir.Server.Storage;

/// <summary>
/// Whether the database can serve now, checked the way requests use it: a read, a committed write (through the same
/// path as every write: the group commit on SQLite), and on SQLite room for new data beside the database file.
/// The write alone does not see a full disk: a one-row change fits in space SQLite already holds (the WAL file is
/// reused after a checkpoint, and a failed write leaves its partial frames there for the next one), so writes that
/// need new blocks fail while it succeeds. The room check writes <see cref="RoomBytes"/> to a new file instead.
/// </summary>
public static class StorageProbe
{
    /// <summary>New data the data directory must take for the probe to pass: about two invoices with their draft PDF.</summary>
    public const int RoomBytes = 64 * 1024;

    /// <summary>What failed: "read", "write" or "room"; null when every check passed. Throws only when cancelled.</summary>
    public static async Task<StorageProbeFailure?> RunAsync(Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        return await CheckAsync("read", () => database.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM storage_probe", cancellationToken: cancellationToken)), cancellationToken), cancellationToken).ConfigureAwait(false)
            ?? await CheckAsync("write", () => database.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO storage_probe (id, probed_at) VALUES (1, @now) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at",
                new { now = Timestamps.ToText(clock.GetUtcNow()) }, t, cancellationToken: cancellationToken)), cancellationToken).WaitAsync(cancellationToken), cancellationToken).ConfigureAwait(false)
            ?? (database.SqliteFilePath is { } file ? await CheckAsync("room", () => WriteRoomAsync(file, cancellationToken), cancellationToken).ConfigureAwait(false) : null);
    }

    private static async Task<StorageProbeFailure?> CheckAsync(string check, Func<Task> probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested || e is not OperationCanceledException)
        {
            return new StorageProbeFailure(check, e);
        }
    }

    // Written out, not only reserved: tmpfs and ext4 both take the blocks at write time, and a failing write here is
    // what a failing write of the database would meet. Not synced: the question is room, not durability.
    private static async Task WriteRoomAsync(string databaseFile, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databaseFile))!;
        var path = Path.Combine(directory, $".comptoir-room-probe-{Guid.NewGuid():N}");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await file.WriteAsync(new byte[RoomBytes], cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The check that failed ("read", "write" or "room") and why.</summary>
public sealed record StorageProbeFailure(string Check, Exception Exception);
