using System.Data.Common;
using Comptoir.Core.Banking;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;
using Comptoir.Server.Transactions;
using Dapper;

namespace Comptoir.Server.InternalTransfers;

/// <summary>
/// Internal transfers: both sides of the ledger in one transaction, the debit reserved by the conditional UPDATE that
/// never lets an account go below zero, and one transfer per idempotency key (a unique index, so a retry in any
/// process returns the first).
/// </summary>
public sealed class InternalTransferStore(Database database, TimeProvider clock)
{
    private const string Columns = "id, organization_id, idempotency_key, debit_account_id, credit_account_id, amount_cents, currency, reference, status, debit_transaction_id, credit_transaction_id, initiator_id, created_at, updated_at";

    /// <summary>Moves the money, or returns the transfer already made with this key (Replayed = true).</summary>
    public async Task<(InternalTransferRow Transfer, bool Replayed)> CreateAsync(string organizationId, string? initiatorId, string idempotencyKey, InternalTransferRequest request, AlsoInTransaction<InternalTransferRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindByKeyAsync(organizationId, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return (existing, true);
        }

        try
        {
            var created = await database.WriteAsync(async (c, t) =>
            {
                var transfer = await MoveAsync(c, t, organizationId, initiatorId, idempotencyKey, request).ConfigureAwait(false);
                await alsoInTransaction.RunAsync(c, t, transfer).ConfigureAwait(false);
                return transfer;
            }, cancellationToken).ConfigureAwait(false);
            return (created, false);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            // The same key committed first in another request or process: that transfer is the answer.
            return (await FindByKeyAsync(organizationId, idempotencyKey, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("Idempotency conflict without an internal transfer."), true);
        }
    }

    public Task<InternalTransferRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<InternalTransferRow>($"SELECT {Columns} FROM internal_transfers WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    private async Task<InternalTransferRow> MoveAsync(DbConnection c, DbTransaction t, string organizationId, string? initiatorId, string idempotencyKey, InternalTransferRequest request)
    {
        var debit = await AccountAsync(c, t, organizationId, request.DebitIban, "/internal_transfer/debit_iban").ConfigureAwait(false);
        var credit = await AccountAsync(c, t, organizationId, request.CreditIban, "/internal_transfer/credit_iban").ConfigureAwait(false);
        if (debit.Id == credit.Id)
        {
            throw ApiException.Invalid("/internal_transfer/credit_iban", "invalid", "credit_iban is the debited account; an internal transfer goes between two accounts.");
        }

        var now = Timestamps.ToText(clock.GetUtcNow());
        if (!await Ledger.ReserveAsync(c, t, debit.Id, request.AmountCents, now).ConfigureAwait(false))
        {
            throw ApiException.Invalid("/internal_transfer/amount", "insufficient_funds", "The debited account's available balance is lower than the amount.");
        }

        var transfer = new InternalTransferRow
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organizationId,
            IdempotencyKey = idempotencyKey,
            DebitAccountId = debit.Id,
            CreditAccountId = credit.Id,
            AmountCents = request.AmountCents,
            Reference = request.Reference,
            InitiatorId = initiatorId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var debitRow = Ledger.PendingTransferDebit(organizationId, debit.Id, request.AmountCents, request.Reference, null, credit.Name, credit.Iban, credit.Bic, null, now);
        await Ledger.InsertAsync(c, t, debitRow).ConfigureAwait(false);
        await Ledger.SettleDebitAsync(c, t, debit.Id, debitRow.Id, request.AmountCents, now).ConfigureAwait(false);
        var creditRow = await Ledger.CreditWithTransactionAsync(c, t, organizationId, credit.Id, request.AmountCents, debit.Name, request.Reference, debit.Name, debit.Iban, "transfer", now).ConfigureAwait(false);
        transfer.DebitTransactionId = debitRow.Id;
        transfer.CreditTransactionId = creditRow.Id;
        await c.ExecuteAsync(
            $"INSERT INTO internal_transfers ({Columns}) VALUES (@Id, @OrganizationId, @IdempotencyKey, @DebitAccountId, @CreditAccountId, @AmountCents, @Currency, @Reference, @Status, @DebitTransactionId, @CreditTransactionId, @InitiatorId, @CreatedAt, @UpdatedAt)",
            transfer, t).ConfigureAwait(false);
        return transfer;
    }

    private static async Task<BankAccountRow> AccountAsync(DbConnection c, DbTransaction t, string organizationId, string iban, string pointer)
    {
        var account = await c.QuerySingleOrDefaultAsync<BankAccountRow>("SELECT * FROM bank_accounts WHERE organization_id = @organizationId AND iban = @iban",
            new { organizationId, iban = Iban.Normalize(iban) }, t).ConfigureAwait(false)
            ?? throw ApiException.Invalid(pointer, "not_found", "is not the IBAN of an account of this organization.");
        if (account.Status != BankAccountStatus.Active)
        {
            throw ApiException.Invalid(pointer, "invalid", "The account is not active.");
        }

        return account;
    }

    private Task<InternalTransferRow?> FindByKeyAsync(string organizationId, string key, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<InternalTransferRow>($"SELECT {Columns} FROM internal_transfers WHERE organization_id = @organizationId AND idempotency_key = @key", new { organizationId, key }), cancellationToken);
}
