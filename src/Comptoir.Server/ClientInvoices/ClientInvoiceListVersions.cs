using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Reads organizations' client-invoice versions (moved by a database trigger in the transaction of every change to
/// their invoices, whichever process or tool makes it: migration 0003) for many concurrent list requests in few
/// queries. A request that arrives while a read is in flight waits for the next read, which starts after it
/// arrived: the version it gets is never older than the moment it asked, exactly as with a query of its own. The
/// same idea as the SQLite group commit, for reads; on PostgreSQL it turns one round trip per list request into one
/// per batch, and the version read was most of a cached page's cost there.
/// </summary>
public sealed class ClientInvoiceListVersions(Database database)
{
    private const int OrganizationsPerQuery = 500;

    private readonly string _sql = "SELECT organization_id, version FROM client_invoice_versions WHERE organization_id "
        + (database.Kind == DatabaseKind.Postgres ? "= ANY(@ids)" : "IN @ids"); // Npgsql takes the array as one parameter
    private readonly Lock _lock = new();
    private Dictionary<string, TaskCompletionSource<long>> _next = new(StringComparer.Ordinal);
    private bool _reading;
    private long _queries;

    /// <summary>Queries run since start (for tests and diagnostics).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>The organization's version as of a read that started after this call; 0 before its first invoice.</summary>
    public Task<long> ReadAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        if (cancellationToken.IsCancellationRequested)
        {
            // Gone before asking: WaitAsync would hand back a read that already finished instead of the cancellation.
            return Task.FromCanceled<long>(cancellationToken);
        }

        TaskCompletionSource<long>? waiter;
        var start = false;
        lock (_lock)
        {
            if (!_next.TryGetValue(organizationId, out waiter))
            {
                waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                _next[organizationId] = waiter;
            }

            if (!_reading)
            {
                _reading = start = true;
            }
        }

        if (start)
        {
            _ = Task.Run(ReadWhileAskedAsync);
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }

    // Runs until nobody is waiting; each round answers everyone who asked before it started.
    private async Task ReadWhileAskedAsync()
    {
        while (true)
        {
            Dictionary<string, TaskCompletionSource<long>> batch;
            lock (_lock)
            {
                if (_next.Count == 0)
                {
                    _reading = false;
                    return;
                }

                batch = _next;
                _next = new Dictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
            }

            foreach (var chunk in batch.Chunk(OrganizationsPerQuery))
            {
                try
                {
                    Interlocked.Increment(ref _queries);
                    var ids = chunk.Select(w => w.Key).ToArray();
                    var rows = await database.ReadAsync(c => c.QueryAsync<(string OrganizationId, long Version)>(_sql, new { ids })).ConfigureAwait(false);
                    var versions = rows.ToDictionary(r => r.OrganizationId, r => r.Version, StringComparer.Ordinal);
                    foreach (var (organizationId, waiter) in chunk)
                    {
                        waiter.SetResult(versions.GetValueOrDefault(organizationId));
                    }
                }
                catch (Exception e)
                {
                    // Every waiter of this chunk fails as its own query would have; the next round tries again.
                    foreach (var (_, waiter) in chunk)
                    {
                        waiter.SetException(e);
                    }
                }
            }
        }
    }
}
