using System.Globalization;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Transactions;

/// <summary>Reads the ledger for the API, and attaches files to transactions.</summary>
public sealed class TransactionStore(Database database, TimeProvider clock)
{
    public async Task<(IReadOnlyList<TransactionRow> Page, long Total)> ListAsync(string organizationId, TransactionQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter("organization_id = @organizationId AND bank_account_id = @account", new { organizationId, account = query.BankAccountId, limit, offset })
            .In("status", query.Statuses)
            .In("operation_type", query.OperationTypes)
            .Compare("updated_at", ">=", query.UpdatedFrom)
            .Compare("updated_at", "<=", query.UpdatedTo)
            .Compare("settled_at", ">=", query.SettledFrom)
            .Compare("settled_at", "<=", query.SettledTo)
            .Compare("emitted_at", ">=", query.EmittedFrom)
            .Compare("emitted_at", "<=", query.EmittedTo)
            .Compare("side", "=", query.Side);
        if (query.WithAttachments is { } with)
        {
            filter.And((with ? "EXISTS" : "NOT EXISTS") + " (SELECT 1 FROM transaction_attachments a WHERE a.transaction_id = transactions.id)");
        }

        var (where, parameters) = (filter.Where, filter.Parameters);
        // Pending transactions have no settled_at; booked_at sorts them by emission instead of dropping them to one end.
        var column = query.SortField switch { "updated_at" => "updated_at", "emitted_at" => "emitted_at", "created_at" => "created_at", _ => "booked_at" };
        var direction = query.Descending ? "DESC" : "ASC";
        var order = $"{column} {direction}, id {direction}";
        return await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM transactions WHERE {where}", parameters).ConfigureAwait(false);
            var rows = await c.QueryAsync<TransactionRow>($"SELECT * FROM transactions WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset", parameters).ConfigureAwait(false);
            return ((IReadOnlyList<TransactionRow>)rows.ToList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<TransactionRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<TransactionRow>("SELECT * FROM transactions WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    /// <summary>Attachment ids per transaction, for a page of transactions.</summary>
    public async Task<ILookup<string, string>> AttachmentIdsAsync(IReadOnlyCollection<string> transactionIds, CancellationToken cancellationToken = default)
    {
        if (transactionIds.Count == 0)
        {
            return Array.Empty<(string, string)>().ToLookup(p => p.Item1, p => p.Item2);
        }

        var names = transactionIds.Select((_, i) => $"@t{i}").ToList();
        var parameters = new DynamicParameters();
        var index = 0;
        foreach (var id in transactionIds)
        {
            parameters.Add($"t{index++}", id);
        }

        var rows = await database.ReadAsync(c => c.QueryAsync<(string TransactionId, string AttachmentId)>(
            $"SELECT transaction_id, attachment_id FROM transaction_attachments WHERE transaction_id IN ({string.Join(", ", names)}) ORDER BY created_at", parameters), cancellationToken).ConfigureAwait(false);
        return rows.ToLookup(r => r.TransactionId, r => r.AttachmentId);
    }

    /// <summary>Links an existing attachment of the organization to a transaction (idempotent); the hook is given the attachment id.</summary>
    public Task AttachAsync(string transactionId, string attachmentId, AlsoInTransaction<string>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO transaction_attachments (transaction_id, attachment_id, created_at) VALUES (@transactionId, @attachmentId, @now) ON CONFLICT DO NOTHING",
                new { transactionId, attachmentId, now = Timestamps.ToText(clock.GetUtcNow()) }, t).ConfigureAwait(false);
            await c.ExecuteAsync("UPDATE transactions SET updated_at = @now WHERE id = @transactionId", new { transactionId, now = Timestamps.ToText(clock.GetUtcNow()) }, t).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, attachmentId).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
}
