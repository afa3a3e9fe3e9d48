using System.Data.Common;
using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Transactions;

/// <summary>
/// The only code that moves money. Every call runs inside the caller's transaction, and each balance change comes
/// with the transaction row that explains it, so an account's balance always equals its completed transactions and
/// its authorized balance equals the balance minus pending debits.
/// </summary>
[PublicSurface]
public static class Ledger
{
    private const string Columns = "id, transaction_id, organization_id, bank_account_id, amount_cents, side, operation_type, status, label, reference, note, counterparty_name, counterparty_iban, counterparty_bic, transfer_id, settled_balance_cents, emitted_at, settled_at, booked_at, created_at, updated_at";

    /// <summary>
    /// Reserves a debit against the authorized balance. One conditional UPDATE, so concurrent reservations can never
    /// take the account below zero, on either engine. Returns false when the funds are not there.
    /// </summary>
    public static async Task<bool> ReserveAsync(DbConnection c, DbTransaction t, string accountId, long amountCents, string now)
    {
        var reserved = await c.ExecuteAsync(
            "UPDATE bank_accounts SET authorized_balance_cents = authorized_balance_cents - @amountCents, updated_at = @now WHERE id = @accountId AND status = 'active' AND authorized_balance_cents >= @amountCents",
            new { accountId, amountCents, now }, t).ConfigureAwait(false) == 1;
        if (reserved)
        {
            await BankAccountEvents.BalanceChangedAsync(c, t, accountId, now).ConfigureAwait(false);
        }

        return reserved;
    }

    /// <summary>Gives a reservation back (canceled or declined debit).</summary>
    private static async Task ReleaseAsync(DbConnection c, DbTransaction t, string accountId, long amountCents, string now)
    {
        await c.ExecuteAsync("UPDATE bank_accounts SET authorized_balance_cents = authorized_balance_cents + @amountCents, updated_at = @now WHERE id = @accountId", new { accountId, amountCents, now }, t).ConfigureAwait(false);
        await BankAccountEvents.BalanceChangedAsync(c, t, accountId, now).ConfigureAwait(false);
    }

    /// <summary>
    /// Settles a reserved debit: the balance follows the authorized balance down and the pending transaction
    /// <paramref name="transactionId"/> completes with the balance it leaves. Returns the new balance.
    /// </summary>
    public static async Task<long> SettleDebitAsync(DbConnection c, DbTransaction t, string accountId, string transactionId, long amountCents, string now)
    {
        var balance = await c.ExecuteScalarAsync<long>("UPDATE bank_accounts SET balance_cents = balance_cents - @amountCents, updated_at = @now WHERE id = @accountId RETURNING balance_cents", new { accountId, amountCents, now }, t).ConfigureAwait(false);
        await c.ExecuteAsync("UPDATE transactions SET status = @completed, settled_at = @now, booked_at = @now, settled_balance_cents = @balance, updated_at = @now WHERE id = @transactionId",
            new { transactionId, completed = TransactionStatus.Completed, now, balance }, t).ConfigureAwait(false);
        await BankAccountEvents.BalanceChangedAsync(c, t, accountId, now).ConfigureAwait(false);
        await TransactionEvents.UpdatedAsync(c, t, transactionId, now).ConfigureAwait(false);
        return balance;
    }

    /// <summary>A reserved debit that will not happen (canceled or declined): the reservation is given back and the pending transaction declined.</summary>
    public static async Task DeclineDebitAsync(DbConnection c, DbTransaction t, string accountId, string transactionId, long amountCents, string now)
    {
        await ReleaseAsync(c, t, accountId, amountCents, now).ConfigureAwait(false);
        await c.ExecuteAsync("UPDATE transactions SET status = @declined, updated_at = @now WHERE id = @transactionId", new { transactionId, declined = TransactionStatus.Declined, now }, t).ConfigureAwait(false);
        await TransactionEvents.UpdatedAsync(c, t, transactionId, now).ConfigureAwait(false);
    }

    /// <summary>Credits an account at once (settled incoming money). Returns the new balance.</summary>
    public static async Task<long> CreditAsync(DbConnection c, DbTransaction t, string accountId, long amountCents, string now)
    {
        var balance = await c.ExecuteScalarAsync<long>(
            "UPDATE bank_accounts SET balance_cents = balance_cents + @amountCents, authorized_balance_cents = authorized_balance_cents + @amountCents, updated_at = @now WHERE id = @accountId RETURNING balance_cents",
            new { accountId, amountCents, now }, t).ConfigureAwait(false);
        await BankAccountEvents.BalanceChangedAsync(c, t, accountId, now).ConfigureAwait(false);
        return balance;
    }

    /// <summary>The pending debit a transfer leaves on the paying account, labelled with its payee, until it settles.</summary>
    public static TransactionRow PendingTransferDebit(string organizationId, string accountId, long amountCents, string reference, string? note, string payeeName, string payeeIban, string? payeeBic, string? transferId, string now) => new()
    {
        OrganizationId = organizationId,
        BankAccountId = accountId,
        AmountCents = amountCents,
        Side = "debit",
        OperationType = "transfer",
        Status = TransactionStatus.Pending,
        Label = payeeName,
        Reference = reference,
        Note = note,
        CounterpartyName = payeeName,
        CounterpartyIban = payeeIban,
        CounterpartyBic = payeeBic,
        TransferId = transferId,
        EmittedAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static Task InsertAsync(DbConnection c, DbTransaction t, TransactionRow row) => InsertAsync(c, t, row, []);

    /// <summary>
    /// Writes a transaction with the attachments that come with it (a transfer's files on its pending debit), then its
    /// "created" event: receivers get it as GET will show it, attachments included.
    /// </summary>
    public static async Task InsertAsync(DbConnection c, DbTransaction t, TransactionRow row, IReadOnlyList<string> attachmentIds)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(attachmentIds);
        row.Id = string.IsNullOrEmpty(row.Id) ? Guid.CreateVersion7().ToString() : row.Id;
        row.TransactionId = string.IsNullOrEmpty(row.TransactionId) ? "cmpt-" + row.Id[^12..] : row.TransactionId;
        row.BookedAt = row.SettledAt ?? row.EmittedAt;
        await c.ExecuteAsync(
            $"INSERT INTO transactions ({Columns}) VALUES (@Id, @TransactionId, @OrganizationId, @BankAccountId, @AmountCents, @Side, @OperationType, @Status, @Label, @Reference, @Note, @CounterpartyName, @CounterpartyIban, @CounterpartyBic, @TransferId, @SettledBalanceCents, @EmittedAt, @SettledAt, @BookedAt, @CreatedAt, @UpdatedAt)",
            row, t).ConfigureAwait(false);
        foreach (var attachmentId in attachmentIds)
        {
            await c.ExecuteAsync("INSERT INTO transaction_attachments (transaction_id, attachment_id, created_at) VALUES (@transactionId, @attachmentId, @now)",
                new { transactionId = row.Id, attachmentId, now = row.CreatedAt }, t).ConfigureAwait(false);
        }

        await TransactionEvents.CreatedAsync(c, t, row, attachmentIds).ConfigureAwait(false);
    }

    /// <summary>Records incoming money as a settled credit: balance, authorized balance and the transaction, together.</summary>
    public static async Task<TransactionRow> CreditWithTransactionAsync(DbConnection c, DbTransaction t, string organizationId, string accountId, long amountCents, string label, string? reference, string? counterpartyName, string? counterpartyIban, string operationType, string now, string? transferId = null)
    {
        var balance = await CreditAsync(c, t, accountId, amountCents, now).ConfigureAwait(false);
        var row = new TransactionRow
        {
            OrganizationId = organizationId,
            BankAccountId = accountId,
            AmountCents = amountCents,
            Side = "credit",
            OperationType = operationType,
            Status = TransactionStatus.Completed,
            Label = label,
            Reference = reference,
            CounterpartyName = counterpartyName,
            CounterpartyIban = counterpartyIban,
            TransferId = transferId,
            SettledBalanceCents = balance,
            EmittedAt = now,
            SettledAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await InsertAsync(c, t, row).ConfigureAwait(false);
        return row;
    }

    /// <summary>What the ledger says an account's balances are (for checks and tests).</summary>
    public static Task<(long Balance, long Authorized)> ComputedBalancesAsync(Database database, string accountId) =>
        database.ReadAsync(async c =>
        {
            var completed = await c.ExecuteScalarAsync<long>(
                "SELECT COALESCE(SUM(CASE WHEN side = 'credit' THEN amount_cents ELSE -amount_cents END), 0) FROM transactions WHERE bank_account_id = @accountId AND status = 'completed'", new { accountId }).ConfigureAwait(false);
            var pending = await c.ExecuteScalarAsync<long>(
                "SELECT COALESCE(SUM(amount_cents), 0) FROM transactions WHERE bank_account_id = @accountId AND status = 'pending' AND side = 'debit'", new { accountId }).ConfigureAwait(false);
            return (completed, completed - pending);
        });
}
