using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Comptoir.Server.Storage;

/// <summary>
/// SQLite has one writer at a time, so this process's writes queue here and run in order. Whatever has queued while
/// a transaction was running goes into the next one together ("group commit"): one BEGIN IMMEDIATE, one COMMIT and
/// one WAL append for up to <see cref="MaxBatch"/> units of work. Each unit runs inside its own SAVEPOINT, so a unit
/// that throws (a 409, a unique violation) is rolled back alone and gets its own exception, while the others commit.
/// No unit completes before its data is committed. Alone, a unit runs in a transaction of its own, without delay.
/// <para>
/// When the shared transaction fails as a whole (disk full, I/O error, the file read-only or gone: SQLite may have
/// rolled it back on its own), none of it is committed; each of its units then runs again alone, in a transaction of
/// its own, so that one unit's failure (a large write on a nearly full disk) is not the others'. A unit that fails
/// alone gets that failure; a batch that stays busy beyond the retries fails as a whole. After such a failure the
/// connection is closed and the next write opens a new one, so the writer recovers by itself once the disk has room
/// or the directory is back. Nothing stops the writer thread: whatever escapes a batch fails that batch's units.
/// </para>
/// </summary>
internal sealed class SqliteGroupCommit : IDisposable
{
    public const int MaxBatch = 64;
    private const int MaxAttempts = 20;
    private const int WriterCacheKilobytes = 16 * 1024;
    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly Action<Exception> _onFault;
    private readonly ConcurrentQueue<IUnit> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private StatementCachingConnection? _connection;
    private volatile bool _stopping;
    private long _transactions;
    private long _units;
    private long _busyTicks;

    // The writer is a thread of its own, not a pool thread: SQLite's I/O is synchronous, and under a steady stream of
    // writes it runs batches back to back; on the pool it would hold one of the few threads requests need.
    // onFault hears of every failure that made the writer give up its connection (see StorageFailures.IsSqliteFault).
    public SqliteGroupCommit(Func<CancellationToken, Task<DbConnection>> open, AsyncLocal<bool> inWrite, Action<Exception> onFault)
    {
        _open = open;
        _onFault = onFault;
        new Thread(() => Write(inWrite)) { IsBackground = true, Name = "comptoir-sqlite-writer" }.Start();
    }

    /// <summary>Transactions committed so far, and the units of work they carried (for tests and diagnostics).</summary>
    public (long Transactions, long Units) Committed => (Interlocked.Read(ref _transactions), Interlocked.Read(ref _units));

    /// <summary>The wall-clock time the writer has spent running batches, commits included: how near it is to full.</summary>
    public TimeSpan Busy => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks));

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
                    var started = Stopwatch.GetTimestamp();
                    RunBatch(batch);
                    Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
                }
            }

            if (_stopping && _queue.IsEmpty)
            {
                DropConnection();
                _wake.Dispose();
                return;
            }
        }
    }

    private void RunBatch(List<IUnit> batch)
    {
        try
        {
            RunBatchAsync(batch).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            // Not expected (RunBatchAsync answers every failure it meets), but an exception leaving this thread
            // would end the process: the units not answered yet fail with it, and the connection is replaced.
            foreach (var unit in batch)
            {
                unit.Fail(e);
                unit.Complete();
            }

            DropConnection();
        }
    }

    private async Task RunBatchAsync(List<IUnit> batch)
    {
        var failure = await CommitAsync(batch).ConfigureAwait(false);
        if (failure is not null && (batch.Count == 1 || IsBusy(failure)))
        {
            batch.ForEach(unit => unit.Fail(failure));
        }
        else if (failure is not null)
        {
            foreach (var unit in batch)
            {
                unit.Reset();
                if (await CommitAsync([unit]).ConfigureAwait(false) is { } alone)
                {
                    unit.Fail(alone);
                }
            }
        }

        foreach (var unit in batch)
        {
            unit.Complete();
        }
    }

    /// <summary>
    /// Runs the units in one transaction and commits it, retrying from the start while another process holds the
    /// write lock. Returns null once committed, else the failure that ended the transaction (nothing of it committed).
    /// </summary>
    private async Task<Exception?> CommitAsync(IReadOnlyList<IUnit> units)
    {
        for (var attempt = 1; ; attempt++)
        {
            SqliteTransaction? transaction = null;
            try
            {
                var connection = _connection ??= await OpenWriterAsync().ConfigureAwait(false);
                transaction = connection.Inner.BeginTransaction(deferred: false);
                foreach (var unit in units)
                {
                    await ExecuteAsync(connection, transaction, "SAVEPOINT unit").ConfigureAwait(false);
                    try
                    {
                        await unit.RunAsync(connection, transaction).ConfigureAwait(false);
                        await ExecuteAsync(connection, transaction, "RELEASE unit").ConfigureAwait(false);
                    }
                    catch (Exception e) when (IsUnitsOwn(e, connection.Inner))
                    {
                        await ExecuteAsync(connection, transaction, "ROLLBACK TO unit").ConfigureAwait(false);
                        await ExecuteAsync(connection, transaction, "RELEASE unit").ConfigureAwait(false);
                        unit.Fail(e);
                    }
                }

                SqliteFileCheck.ThrowIfMoved(connection.Inner);
                await transaction.CommitAsync().ConfigureAwait(false);
                Interlocked.Increment(ref _transactions);
                Interlocked.Add(ref _units, units.Count);
                return null;
            }
            catch (SqliteException e) when (IsBusy(e) && attempt < MaxAttempts)
            {
                // Another process holds the write lock: the whole transaction is run again from the start.
                Abandon(transaction);
                foreach (var unit in units)
                {
                    unit.Reset();
                }

                await Task.Delay(5 * attempt).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Abandon(transaction);
                DropConnection();
                if (StorageFailures.IsSqliteFault(e))
                {
                    _onFault(e);
                }

                return e;
            }
        }
    }

    // A unit's exception is its own (rolled back to its savepoint while the others go on) unless it is a busy lock,
    // which retries the whole transaction, or a storage fault or a transaction SQLite has already ended, which fail it.
    private static bool IsUnitsOwn(Exception e, SqliteConnection connection) =>
        !(e is SqliteException s && IsBusy(s)) && !StorageFailures.IsSqliteFault(e) && raw.sqlite3_get_autocommit(connection.Handle) == 0;

    /// <summary>
    /// Ends a failed transaction, in SQLite and in the driver, whatever state the failure left them in; never throws.
    /// SQLite may already have rolled back (SQLITE_FULL and SQLITE_IOERR can, a failed COMMIT does) while the driver's
    /// transaction still counts as open: its ROLLBACK would then fail ("cannot rollback - no transaction is active"),
    /// and so would closing the connection, which rolls back the transaction it still holds.
    /// </summary>
    private static void Abandon(SqliteTransaction? transaction)
    {
        if (transaction?.Connection is not { Handle: { } handle })
        {
            return; // never begun, or already ended
        }

        try
        {
            if (raw.sqlite3_get_autocommit(handle) != 0)
            {
                raw.sqlite3_exec(handle, "BEGIN"); // an empty transaction for the driver's ROLLBACK to end
            }

            transaction.Rollback();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // The connection is closed next anyway.
        }
        finally
        {
            if (raw.sqlite3_get_autocommit(handle) == 0)
            {
                raw.sqlite3_exec(handle, "ROLLBACK"); // the driver saw SQLite's own rollback and sent none
            }
        }
    }

    // One connection for all writes, kept open: SQLite empties a connection's page cache whenever another connection
    // has written, so a writer taking a different pooled connection each time re-read every B-tree page it touched
    // from the OS (40% of the writer's time was pread). Only this connection writes, so its cache stays valid.
    // Temporary storage in memory keeps each unit's savepoint journal (a copy of every page the unit changes) off the
    // disk: SQLite spills it to a temporary file past 64 KB, and under load that file took more write system calls
    // and bytes than the WAL and the database together. The writer runs no large sorts that would need the disk.
    private async Task<StatementCachingConnection> OpenWriterAsync()
    {
        var connection = (SqliteConnection)await _open(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA cache_size=-{WriterCacheKilobytes}; PRAGMA temp_store=MEMORY";
            await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
            return new StatementCachingConnection(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Closes the writer's connection, whatever state a failure left it in; the next write opens a new one.
    private void DropConnection()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null)
        {
            return;
        }

        try
        {
            // Its handle must not go back to the driver's pool: it may point at a file that is no longer the database.
            SqliteConnection.ClearPool(connection.Inner);
            connection.Dispose();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // Closing failed half way: the handle is released when collected. The writer goes on with a new one.
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

    private static bool IsBusy(Exception e) => e is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

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
