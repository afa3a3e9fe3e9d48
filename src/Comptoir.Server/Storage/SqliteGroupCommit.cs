using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Comptoir.Server.Storage;

/// <summary>
/// SQLite has one writer at a time, so this process's writes queue here and run in order. Whatever has queued while
/// a transaction was running goes into the next one together ("group commit"): one BEGIN IMMEDIATE, one COMMIT and
/// one WAL append for up to <see cref="MaxBatch"/> units of work. Each unit runs inside its own SAVEPOINT, so a unit
/// that throws (a 409, a unique violation) is rolled back alone and gets its own exception, while the others commit.
/// No unit completes before its data is committed. Alone, a unit runs in a transaction of its own, without delay.
/// </summary>
internal sealed class SqliteGroupCommit : IDisposable
{
    public const int MaxBatch = 64;
    private const int MaxAttempts = 20;
    private const int WriterCacheKilobytes = 16 * 1024;
    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly ConcurrentQueue<IUnit> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private DbConnection? _connection;
    private volatile bool _stopping;
    private long _transactions;
    private long _units;

    // The writer is a thread of its own, not a pool thread: SQLite's I/O is synchronous, and under a steady stream of
    // writes it runs batches back to back; on the pool it would hold one of the few threads requests need.
    public SqliteGroupCommit(Func<CancellationToken, Task<DbConnection>> open, AsyncLocal<bool> inWrite)
    {
        _open = open;
        new Thread(() => Write(inWrite)) { IsBackground = true, Name = "comptoir-sqlite-writer" }.Start();
    }

    /// <summary>Transactions committed so far, and the units of work they carried (for tests and diagnostics).</summary>
    public (long Transactions, long Units) Committed => (Interlocked.Read(ref _transactions), Interlocked.Read(ref _units));

    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        var unit = new Unit<T>(work, cancellationToken);
        _queue.Enqueue(unit);
        _wake.Set();
        return unit.Task;
    }

    /// <summary>Stops the writer once the queued units are done.</summary>
    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
    }

    private void Write(AsyncLocal<bool> inWrite)
    {
        inWrite.Value = true;
        while (true)
        {
            _wake.Wait();
            _wake.Reset(); // before draining: a unit queued from here on sets it again
            while (!_queue.IsEmpty)
            {
                var batch = new List<IUnit>(8);
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var unit))
                {
                    if (!unit.CancelIfRequested())
                    {
                        batch.Add(unit);
                    }
                }

                if (batch.Count > 0)
                {
                    RunBatchAsync(batch).GetAwaiter().GetResult();
                }
            }

            if (_stopping && _queue.IsEmpty)
            {
                DropConnectionAsync().GetAwaiter().GetResult();
                _wake.Dispose();
                return;
            }
        }
    }

    private async Task RunBatchAsync(List<IUnit> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = _connection ??= await OpenWriterAsync().ConfigureAwait(false);
                await using var transaction = ((StatementCachingConnection)connection).Inner.BeginTransaction(deferred: false);
                foreach (var unit in batch)
                {
                    await ExecuteAsync(connection, transaction, "SAVEPOINT unit").ConfigureAwait(false);
                    try
                    {
                        await unit.RunAsync(connection, transaction).ConfigureAwait(false);
                        await ExecuteAsync(connection, transaction, "RELEASE unit").ConfigureAwait(false);
                    }
                    catch (Exception e) when (!(e is SqliteException s && IsBusy(s)))
                    {
                        await ExecuteAsync(connection, transaction, "ROLLBACK TO unit").ConfigureAwait(false);
                        await ExecuteAsync(connection, transaction, "RELEASE unit").ConfigureAwait(false);
                        unit.Fail(e);
                    }
                }

                await transaction.CommitAsync().ConfigureAwait(false);
                Interlocked.Increment(ref _transactions);
                Interlocked.Add(ref _units, batch.Count);
                break;
            }
            catch (SqliteException e) when (IsBusy(e) && attempt < MaxAttempts)
            {
                // Another process holds the write lock: the whole batch is retried from the start.
                foreach (var unit in batch)
                {
                    unit.Reset();
                }

                await Task.Delay(5 * attempt).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                foreach (var unit in batch)
                {
                    unit.Fail(e);
                }

                await DropConnectionAsync().ConfigureAwait(false); // an I/O error may have left it unusable
                break;
            }
        }

        foreach (var unit in batch)
        {
            unit.Complete();
        }
    }

    // One connection for all writes, kept open: SQLite empties a connection's page cache whenever another connection
    // has written, so a writer taking a different pooled connection each time re-read every B-tree page it touched
    // from the OS (40% of the writer's time was pread). Only this connection writes, so its cache stays valid.
    private async Task<DbConnection> OpenWriterAsync()
    {
        var connection = await _open(CancellationToken.None).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA cache_size=-{WriterCacheKilobytes}";
        await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
        return new StatementCachingConnection((SqliteConnection)connection);
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    // Savepoints through the writer's connection, so that they too stay compiled (see StatementCachingConnection).
    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static bool IsBusy(SqliteException e) => e.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    private interface IUnit
    {
        bool CancelIfRequested();

        Task RunAsync(DbConnection connection, DbTransaction transaction);

        void Fail(Exception exception);

        void Reset();

        void Complete();
    }

    private sealed class Unit<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) : IUnit
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _done.Task;

        public bool CancelIfRequested()
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            _done.TrySetCanceled(cancellationToken);
            return true;
        }

        public async Task RunAsync(DbConnection connection, DbTransaction transaction) => _result = await work(connection, transaction).ConfigureAwait(false);

        public void Fail(Exception exception) => _failure ??= exception;

        public void Reset()
        {
            _result = default;
            _failure = null;
        }

        public void Complete()
        {
            if (_failure is not null)
            {
                _done.TrySetException(_failure);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }
    }
}
