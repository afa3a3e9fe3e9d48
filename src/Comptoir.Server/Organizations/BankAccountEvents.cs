using System.Data.Common;
using System.Text.Json;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.Organizations;

/// <summary>The v1/accounts webhook event of a balance change, recorded in the transaction that made it.</summary>
[PublicSurface]
public static class BankAccountEvents
{
    private static readonly string SelectSql =
        $"SELECT a.*, {WebhookEvents.SubscribedSql("a.organization_id", WebhookTypes.Accounts)} AS subscribed FROM bank_accounts a WHERE a.id = @accountId";

    /// <summary>
    /// Records the account as it now reads ("updated"), when its organization subscribes to v1/accounts. One query
    /// reads the account and whether anyone listens; nothing else runs when no one does.
    /// </summary>
    public static async Task BalanceChangedAsync(DbConnection connection, DbTransaction transaction, string accountId, string now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<BankAccountRow, SubscribedFlag, (BankAccountRow Account, bool Subscribed)>(
            SelectSql, (account, flag) => (account, flag.Subscribed), new { accountId }, transaction, splitOn: "subscribed").ConfigureAwait(false);
        foreach (var (account, _) in rows.Where(r => r.Subscribed))
        {
            await WebhookEvents.RecordAsync(connection, transaction, account.OrganizationId, WebhookTypes.Accounts, WebhookEventNames.Updated,
                JsonSerializer.Serialize(BankAccountResponse.From(account), OrganizationsJsonContext.Default.BankAccountResponse), now).ConfigureAwait(false);
        }
    }

    /// <summary>The flag column, as Dapper reads it on both engines (a boolean on PostgreSQL, an integer on SQLite).</summary>
    private sealed class SubscribedFlag
    {
        public bool Subscribed { get; set; }
    }
}
