using System.Data.Common;
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
            .Compare("created_at", ">=", query.CreatedFrom)
            .Compare("created_at", "<=", query.CreatedTo)
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
    public Task<ILookup<string, string>> AttachmentIdsAsync(IReadOnlyCollection<string> transactionIds, CancellationToken cancellationToken = default) =>
        LinksAsync("transaction_attachments", "attachment_id", transactionIds, cancellationToken);

    /// <summary>Label ids per transaction, for a page of transactions.</summary>
    public Task<ILookup<string, string>> LabelIdsAsync(IReadOnlyCollection<string> transactionIds, CancellationToken cancellationToken = default) =>
        LinksAsync("transaction_labels", "label_id", transactionIds, cancellationToken);

    /// <summary>
    /// Sets a transaction's labels (the whole set, when <paramref name="labelIds"/> is given; the caller checked they
    /// are the organization's) and its note (when given; empty clears it), with its v1/transactions "updated" event.
    /// Null when there is no such transaction.
    /// </summary>
    public async Task<TransactionRow?> UpdateAsync(string organizationId, string id, IReadOnlyList<string>? labelIds, string? note, CancellationToken cancellationToken = default)
    {
        var now = Timestamps.ToText(clock.GetUtcNow());
        return await database.WriteAsync(async (c, t) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<TransactionRow>("SELECT * FROM transactions WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }, t).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            if (labelIds is not null)
            {
                await c.ExecuteAsync("DELETE FROM transaction_labels WHERE transaction_id = @id", new { id }, t).ConfigureAwait(false);
                foreach (var labelId in labelIds.Distinct(StringComparer.Ordinal))
                {
                    await c.ExecuteAsync("INSERT INTO transaction_labels (transaction_id, label_id, created_at) VALUES (@id, @labelId, @now)", new { id, labelId, now }, t).ConfigureAwait(false);
                }
            }

            if (note is not null)
            {
                row.Note = note.Length == 0 ? null : note;
            }

            row.UpdatedAt = now;
            await c.ExecuteAsync("UPDATE transactions SET note = @Note, updated_at = @UpdatedAt WHERE id = @Id", row, t).ConfigureAwait(false);
            await TransactionEvents.UpdatedAsync(c, t, id, now).ConfigureAwait(false);
            return row;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ILookup<string, string>> LinksAsync(string table, string column, IReadOnlyCollection<string> transactionIds, CancellationToken cancellationToken)
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

        var rows = await database.ReadAsync(c => c.QueryAsync<(string TransactionId, string LinkedId)>(
            $"SELECT transaction_id, {column} FROM {table} WHERE transaction_id IN ({string.Join(", ", names)}) ORDER BY created_at, {column}", parameters), cancellationToken).ConfigureAwait(false);
        return rows.ToLookup(r => r.TransactionId, r => r.LinkedId);
    }

    /// <summary>Links an existing attachment of the organization to a transaction (idempotent); the hook is given the attachment id.</summary>
    public Task AttachAsync(string transactionId, string attachmentId, AlsoInTransaction<string>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            await LinkAsync(c, t, transactionId, attachmentId, Timestamps.ToText(clock.GetUtcNow())).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, attachmentId).ConfigureAwait(false);
            return 0;
        }, cancellationToken);

    /// <summary>
    /// Inside the caller's transaction (an upload's, so that the file and its link commit together): links the
    /// attachment and moves the transaction's updated_at, so syncs and webhook receivers see it.
    /// </summary>
    public static async Task LinkAsync(DbConnection c, DbTransaction t, string transactionId, string attachmentId, string now)
    {
        await c.ExecuteAsync("INSERT INTO transaction_attachments (transaction_id, attachment_id, created_at) VALUES (@transactionId, @attachmentId, @now) ON CONFLICT DO NOTHING",
            new { transactionId, attachmentId, now }, t).ConfigureAwait(false);
        await c.ExecuteAsync("UPDATE transactions SET updated_at = @now WHERE id = @transactionId", new { transactionId, now }, t).ConfigureAwait(false);
        await TransactionEvents.UpdatedAsync(c, t, transactionId, now).ConfigureAwait(false);
    }

    /// <summary>
    /// Unlinks one attachment (<paramref name="attachmentId"/>) or all of a transaction's; the files stay, as a transfer
    /// may still name them. Returns how many links went; the transaction's updated_at moves when any did.
    /// </summary>
    public Task<int> DetachAsync(string transactionId, string? attachmentId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            var removed = await c.ExecuteAsync(
                "DELETE FROM transaction_attachments WHERE transaction_id = @transactionId" + (attachmentId is null ? string.Empty : " AND attachment_id = @attachmentId"),
                new { transactionId, attachmentId }, t).ConfigureAwait(false);
            if (removed > 0)
            {
                var now = Timestamps.ToText(clock.GetUtcNow());
                await c.ExecuteAsync("UPDATE transactions SET updated_at = @now WHERE id = @transactionId", new { transactionId, now }, t).ConfigureAwait(false);
                await TransactionEvents.UpdatedAsync(c, t, transactionId, now).ConfigureAwait(false);
            }

            return removed;
        }, cancellationToken);
}
