using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Comptoir.Server.Storage;

/// <summary>
/// Open SQLite read connections that keep their statements compiled (<see cref="StatementCachingConnection"/>), one
/// read at a time each. Microsoft.Data.Sqlite's own pool keeps the handle but compiles every statement again for each
/// new command: on POST /v2/client_invoices the two reads of the organization and its accounts spent most of their
/// time compiling. A read that fails gives its connection up instead of returning it, so no half-read statement or
/// open transaction reaches the next read.
/// </summary>
internal sealed class SqliteReaderPool(Func<CancellationToken, Task<SqliteConnection>> open) : IAsyncDisposable
{
    // Enough for the thread pool's concurrent reads on two cores; a burst beyond it opens extra connections that
    // are closed instead of kept.
    private const int MaxIdle = 32;
    private readonly ConcurrentStack<StatementCachingConnection> _idle = new();
    private volatile bool _disposed;

    /// <summary>Connections waiting for their next read (for tests).</summary>
    public int Idle => _idle.Count;

    public async Task<T> ReadAsync<T>(Func<StatementCachingConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = _idle.TryPop(out var idle) ? idle : new StatementCachingConnection(await open(cancellationToken).ConfigureAwait(false));
        T result;
        try
        {
            result = await work(connection).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (_disposed || _idle.Count >= MaxIdle)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _idle.Push(connection);
            if (_disposed)
            {
                await DisposeAsync().ConfigureAwait(false); // disposed while this read ran: close what it gave back
            }
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
