using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Comptoir.Server.Storage;

/// <summary>
/// Open SQLite read connections that keep their statements compiled (<see cref="StatementCachingConnection"/>), one
/// read at a time each. Microsoft.Data.Sqlite's own pool keeps the handle but compiles every statement again for each
/// new command: on POST /v2/client_invoices the two reads of the organization and its accounts spent most of their
/// time compiling. A read that fails gives its connection up instead of returning it, so no half-read statement or
/// open transaction reaches the next read. After a storage fault (the file gone, an I/O error: see
/// <see cref="Reset"/>) every kept connection is replaced, not only the one that met it.
/// </summary>
internal sealed class SqliteReaderPool(Func<CancellationToken, Task<SqliteConnection>> open, Action<Exception> onFault) : IAsyncDisposable
{
    // Enough for the thread pool's concurrent reads on two cores; a burst beyond it opens extra connections that
    // are closed instead of kept.
    private const int MaxIdle = 32;
    private readonly ConcurrentStack<Kept> _idle = new();
    private volatile bool _disposed;
    private int _generation;

    /// <summary>Connections waiting for their next read (for tests).</summary>
    public int Idle => _idle.Count;

    public async Task<T> ReadAsync<T>(Func<StatementCachingConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var kept = await TakeAsync(cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            result = await work(kept.Connection).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Close(kept.Connection);
            if (StorageFailures.IsSqliteFault(e))
            {
                onFault(e);
            }

            throw;
        }

        if (_disposed || kept.Generation != Volatile.Read(ref _generation) || _idle.Count >= MaxIdle)
        {
            Close(kept.Connection);
        }
        else
        {
            _idle.Push(kept);
            if (_disposed)
            {
                await DisposeAsync().ConfigureAwait(false); // disposed while this read ran: close what it gave back
            }
        }

        return result;
    }

    /// <summary>Closes the kept connections, and those in use when their read ends: the next reads open new ones.</summary>
    public void Reset()
    {
        Interlocked.Increment(ref _generation);
        while (_idle.TryPop(out var kept))
        {
            Close(kept.Connection);
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        Reset();
        return ValueTask.CompletedTask;
    }

    private async Task<Kept> TakeAsync(CancellationToken cancellationToken)
    {
        var generation = Volatile.Read(ref _generation);
        while (_idle.TryPop(out var idle))
        {
            if (idle.Generation == generation)
            {
                return idle;
            }

            Close(idle.Connection); // pushed back by a read that started before a reset
        }

        return new Kept(new StatementCachingConnection(await open(cancellationToken).ConfigureAwait(false)), generation);
    }

    // A connection whose file is gone or damaged may fail to close cleanly; the read must still get its answer.
    private static void Close(StatementCachingConnection connection)
    {
        try
        {
            connection.Dispose();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // Released when collected.
        }
    }

    private sealed record Kept(StatementCachingConnection Connection, int Generation);
}
