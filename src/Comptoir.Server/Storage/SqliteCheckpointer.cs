using System.Data.Common;

namespace Comptoir.Server.Storage;

/// <summary>
/// Copies the WAL back into the database file on a thread of its own. Left to SQLite, the checkpoint runs inside the
/// commit that crosses 1,000 WAL pages, on the one writer thread: every write queued behind it waited while pages
/// were copied and both files synced, so each extra byte a write carried cost it twice (in the webhook benchmark, an
/// event of a few kilobytes per invoice took a third off POST /v2/client_invoices). The writer's connection turns its
/// automatic checkpoint off (<see cref="SqliteGroupCommit"/>) and tells this one of each commit; this one runs a
/// PASSIVE checkpoint (never waits for the writer or readers, takes what is committed) at most every
/// <see cref="Interval"/> while commits come. Durability is unchanged: a commit is in the WAL before it returns, and
/// SQLite replays the WAL on open after a crash, as before.
/// </summary>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The shortest time between two checkpoints while writes come.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly AutoResetEvent _committed = new(false);
    private volatile bool _stopping;
    private long _checkpoints;

    public SqliteCheckpointer(Func<CancellationToken, Task<DbConnection>> open)
    {
        _open = open;
        new Thread(Run) { IsBackground = true, Name = "comptoir-sqlite-checkpoint" }.Start();
    }

    /// <summary>Checkpoints run so far (for tests and diagnostics).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Says a transaction committed: its pages are in the WAL, to be copied back.</summary>
    public void Committed() => _committed.Set();

    public void Dispose()
    {
        _stopping = true;
        _committed.Set();
    }

    private void Run()
    {
        while (true)
        {
            _committed.WaitOne();
            if (_stopping)
            {
                _committed.Dispose();
                return;
            }

            Checkpoint();
            Thread.Sleep(Interval); // commits meanwhile set the event: one checkpoint takes them all
        }
    }

    private void Checkpoint()
    {
        try
        {
            // A pooled connection per checkpoint, not one kept: after the data directory was moved or replaced, a
            // kept handle would go on checkpointing (and holding open) a file that is no longer the database.
            using var connection = _open(CancellationToken.None).GetAwaiter().GetResult();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
            Interlocked.Increment(ref _checkpoints);
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The writer meets the same fault on its next commit and reports it; the next commit brings another try.
        }
    }
}
