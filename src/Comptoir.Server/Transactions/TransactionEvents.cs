using System.Data.Common;
using System.Text.Json;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.Transactions;

/// <summary>
/// The v1/transactions webhook events, recorded in the transaction of each change a GET would show: by the ledger when
/// money moves, by the store when labels, note or attachments change.
/// </summary>
internal static class TransactionEvents
{
    private static readonly string SubscribedRowSql =
        $"SELECT * FROM transactions WHERE id = @transactionId AND {WebhookEvents.SubscribedSql("transactions.organization_id", WebhookTypes.Transactions)}";

    /// <summary>
    /// A transaction just written (pending or completed) with the attachments linked in the same write: rendered from
    /// the row, no read.
    /// </summary>
    public static Task CreatedAsync(DbConnection c, DbTransaction t, TransactionRow row, IReadOnlyList<string> attachmentIds) =>
        WebhookEvents.RecordAsync(c, t, row.OrganizationId, WebhookTypes.Transactions, WebhookEventNames.Created, Render(row, [.. attachmentIds.Order(StringComparer.Ordinal)], []), row.UpdatedAt);

    /// <summary>
    /// A transaction that changed (status, category, labels, note, attachments): read and rendered, as it now is,
    /// only when someone listens.
    /// </summary>
    public static async Task UpdatedAsync(DbConnection c, DbTransaction t, string transactionId, string now)
    {
        // One query says whether anyone listens; the row is read and rendered only then.
        var row = await c.QuerySingleOrDefaultAsync<TransactionRow>(SubscribedRowSql, new { transactionId }, t).ConfigureAwait(false);
        if (row is null)
        {
            return;
        }

        var attachments = await c.QueryAsync<string>("SELECT attachment_id FROM transaction_attachments WHERE transaction_id = @transactionId ORDER BY created_at, attachment_id", new { transactionId }, t).ConfigureAwait(false);
        var labels = await c.QueryAsync<string>("SELECT label_id FROM transaction_labels WHERE transaction_id = @transactionId ORDER BY created_at, label_id", new { transactionId }, t).ConfigureAwait(false);
        await WebhookEvents.RecordAsync(c, t, row.OrganizationId, WebhookTypes.Transactions, WebhookEventNames.Updated, Render(row, attachments.AsList(), labels.AsList()), now).ConfigureAwait(false);
    }

    /// <summary>The transaction as GET /v2/transactions/{id} renders it (amounts as JSON numbers; links in GET's order).</summary>
    private static string Render(TransactionRow row, IReadOnlyList<string> attachmentIds, IReadOnlyList<string> labelIds) =>
        JsonSerializer.Serialize(TransactionResponse.From(row, attachmentIds, labelIds, TransactionResponse.Includes.None), TransactionsJsonContext.Default.TransactionResponse);
}
