using System.Globalization;
using System.Text;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Domain.Ledger;

/// <summary>Reads the ledger for the API, and attaches files to transactions.</summary>
public sealed class TransactionStore(Database database, TimeProvider clock)
{
    public async Task<(IReadOnlyList<TransactionRow> Page, long Total)> ListAsync(string organizationId, TransactionQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new StringBuilder("organization_id = @organizationId AND bank_account_id = @account");
        var parameters = new DynamicParameters(new { organizationId, account = query.BankAccountId, limit, offset });
        void In(string column, IReadOnlyList<string> values, string prefix)
        {
            if (values.Count == 0)
            {
                return;
            }

            where.Append(CultureInfo.InvariantCulture, $" AND {column} IN (").Append(string.Join(", ", values.Select((_, i) => $"@{prefix}{i}"))).Append(')');
            for (var i = 0; i < values.Count; i++)
            {
                parameters.Add($"{prefix}{i}", values[i]);
            }
        }

        void Range(string column, string? value, string op, string name)
        {
            if (value is not null)
            {
                where.Append(CultureInfo.InvariantCulture, $" AND {column} {op} @{name}");
                parameters.Add(name, value);
            }
        }

        In("status", query.Statuses, "status");
        In("operation_type", query.OperationTypes, "op");
        Range("updated_at", query.UpdatedFrom, ">=", "updatedFrom");
        Range("updated_at", query.UpdatedTo, "<=", "updatedTo");
        Range("settled_at", query.SettledFrom, ">=", "settledFrom");
        Range("settled_at", query.SettledTo, "<=", "settledTo");
        Range("emitted_at", query.EmittedFrom, ">=", "emittedFrom");
        Range("emitted_at", query.EmittedTo, "<=", "emittedTo");
        Range("side", query.Side, "=", "side");
        if (query.WithAttachments is { } with)
        {
            where.Append(with ? " AND EXISTS" : " AND NOT EXISTS").Append(" (SELECT 1 FROM transaction_attachments a WHERE a.transaction_id = transactions.id)");
        }

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

    /// <summary>Links an existing attachment of the organization to a transaction (idempotent).</summary>
    public Task AttachAsync(string transactionId, string attachmentId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO transaction_attachments (transaction_id, attachment_id, created_at) VALUES (@transactionId, @attachmentId, @now) ON CONFLICT DO NOTHING",
                new { transactionId, attachmentId, now = Timestamps.ToText(clock.GetUtcNow()) }, t).ConfigureAwait(false);
            await c.ExecuteAsync("UPDATE transactions SET updated_at = @now WHERE id = @transactionId", new { transactionId, now = Timestamps.ToText(clock.GetUtcNow()) }, t).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
}
