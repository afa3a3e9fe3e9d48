using System.Data.Common;
using System.Text.Json;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Transactions;
using Comptoir.Server.Payees;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Organizations;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Comptoir.Server.SupplierInvoices;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.Transfers;

/// <summary>
/// SEPA transfers. Creation runs in one transaction that finds a previous transfer with the same idempotency key,
/// checks account, beneficiary, proof token, attachments and SCA, reserves the funds (never an overdraft, even under
/// concurrency), records the transfer and its pending debit, and schedules its settlement. A unique index on the key
/// makes a concurrent duplicate fail and return the first transfer: one key, one debit. A transfer whose attachments
/// include a supplier invoice's file pays that invoice: each change of the transfer moves the invoice in its transaction.
/// </summary>
public sealed class TransferStore(Database database, PayeeVerification verification, ScaSessions sca, JobQueue jobs, SupplierInvoiceStore supplierInvoices, TimeProvider clock)
{
    public const string SettleTransfer = "settle_transfer";

    private const string Columns = "id, organization_id, bank_account_id, beneficiary_id, idempotency_key, amount_cents, currency, status, instant, reference, note, scheduled_date, attachment_ids, transaction_id, declined_reason, created_at, updated_at, processed_at, completed_at, initiator_id, payee_verification";

    /// <summary>Creates the transfer, or returns the one already made with this key (Replayed = true).</summary>
    public async Task<(TransferRow Transfer, bool Replayed)> CreateAsync(string organizationId, string? initiatorId, string idempotencyKey, TransferRequest request, string? scaToken, AlsoInTransaction<TransferRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await FindByKeyAsync(organizationId, idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return (existing, true);
        }

        var beneficiary = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<BeneficiaryRow>(
            "SELECT * FROM beneficiaries WHERE id = @id AND organization_id = @organizationId", new { id = request.BeneficiaryId, organizationId }), cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.Invalid("/transfer/beneficiary_id", "not_found", "beneficiary_id is not a beneficiary of this organization.");
        if (beneficiary.Status != BeneficiaryStatus.Validated)
        {
            throw ApiException.Invalid("/transfer/beneficiary_id", "invalid", $"The beneficiary is {beneficiary.Status}; only validated beneficiaries can be paid.");
        }

        await verification.PrepareAsync(cancellationToken).ConfigureAwait(false);

        // A beneficiary that is not trusted needs strong customer authentication, approved out of band. Every other
        // rule is checked first: a request that can never succeed must not prompt the user's phone.
        if (!beneficiary.Trusted && scaToken is null)
        {
            await database.ReadAsync(c => CheckAsync(c, null, organizationId, request, beneficiary, cancellationToken), cancellationToken).ConfigureAwait(false);
            var token = await sca.StartAsync(organizationId, ScaSessions.Fingerprint(request), cancellationToken).ConfigureAwait(false);
            var error = new ApiException(428, new ApiError("sca_required", "This beneficiary is not trusted: approve the strong customer authentication session, then repeat the request with X-Qonto-Sca-Session-Token."));
            error.Fields["sca_session_token"] = token;
            throw error;
        }

        try
        {
            var created = await database.WriteAsync(async (c, t) =>
            {
                var transfer = await CreateInTransactionAsync(c, t, organizationId, initiatorId, idempotencyKey, request, beneficiary, scaToken, cancellationToken).ConfigureAwait(false);
                await alsoInTransaction.RunAsync(c, t, transfer).ConfigureAwait(false);
                return transfer;
            }, cancellationToken).ConfigureAwait(false);
            jobs.Signal();
            return (created, false);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            // The same key committed first in another request or process: that transfer is the answer.
            return (await FindByKeyAsync(organizationId, idempotencyKey, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("Idempotency conflict without a transfer."), true);
        }
    }

    /// <summary>
    /// The rules of a transfer that need no write: the account, the proof token (not yet marked used), the attachments
    /// and the funds. Run alone before an SCA session opens, and again in the transfer's transaction.
    /// </summary>
    private async Task<BankAccountRow> CheckAsync(DbConnection c, DbTransaction? t, string organizationId, TransferRequest request, BeneficiaryRow beneficiary, CancellationToken cancellationToken)
    {
        var account = await c.QuerySingleOrDefaultAsync<BankAccountRow>("SELECT * FROM bank_accounts WHERE id = @id AND organization_id = @organizationId",
            new { id = request.BankAccountId, organizationId }, t).ConfigureAwait(false)
            ?? throw ApiException.Invalid("/transfer/bank_account_id", "not_found", "bank_account_id is not an account of this organization.");
        if (account.Status != BankAccountStatus.Active)
        {
            throw ApiException.Invalid("/transfer/bank_account_id", "invalid", "The account is not active.");
        }

        if (await verification.CheckAsync(c, t, organizationId, request.ProofToken, beneficiary.Iban, beneficiary.Name, cancellationToken).ConfigureAwait(false) is { } tokenProblem)
        {
            throw ApiException.Invalid("/vop_proof_token", "invalid", tokenProblem);
        }

        if (request.AmountCents > TransferLimits.AttachmentRequiredAboveCents && request.AttachmentIds.Count == 0)
        {
            throw ApiException.Invalid("/transfer/attachment_ids", "required", "Transfers above 30,000 EUR need at least one attachment.");
        }

        for (var i = 0; i < request.AttachmentIds.Count; i++)
        {
            var found = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM attachments WHERE id = @id AND organization_id = @organizationId",
                new { id = request.AttachmentIds[i], organizationId }, t).ConfigureAwait(false);
            if (found == 0)
            {
                throw ApiException.Invalid($"/transfer/attachment_ids/{i}", "not_found", "is not an attachment of this organization.");
            }
        }

        if (account.AuthorizedBalanceCents < request.AmountCents)
        {
            throw InsufficientFunds();
        }

        return account;
    }

    private static ApiException InsufficientFunds() =>
        ApiException.Invalid("/transfer/amount", "insufficient_funds", "The account's available balance is lower than the amount.");

    private async Task<TransferRow> CreateInTransactionAsync(DbConnection c, DbTransaction t, string organizationId, string? initiatorId, string idempotencyKey, TransferRequest request, BeneficiaryRow beneficiary, string? scaToken, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nowText = Timestamps.ToText(now);
        var account = await CheckAsync(c, t, organizationId, request, beneficiary, cancellationToken).ConfigureAwait(false);
        if (scaToken is not null)
        {
            var state = await sca.ConsumeAsync(c, t, organizationId, scaToken, ScaSessions.Fingerprint(request)).ConfigureAwait(false);
            switch (state)
            {
                case "approved":
                    break;
                case "pending":
                    throw new ApiException(428, new ApiError("sca_pending", "The strong customer authentication session is not approved yet."));
                case "denied":
                    throw ApiException.Forbidden("sca_denied", "The strong customer authentication was denied.");
                default:
                    throw ApiException.Invalid("/X-Qonto-Sca-Session-Token", "invalid", $"The SCA session token is {state} or was issued for another transfer.");
            }
        }

        var payeeCheck = await verification.MarkUsedAsync(c, t, organizationId, request.ProofToken, beneficiary.Iban, beneficiary.Name).ConfigureAwait(false);

        var since = Timestamps.ToText(now.AddHours(-24));
        var instantToday = await c.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM transfers WHERE organization_id = @organizationId AND instant = @yes AND created_at >= @since AND status <> @canceled AND status <> @declined",
            new { organizationId, yes = true, since, canceled = TransferStatus.Canceled, declined = TransferStatus.Declined }, t).ConfigureAwait(false);
        var instant = request.AmountCents <= TransferLimits.InstantPerTransferCents && instantToday + request.AmountCents <= TransferLimits.InstantPer24HoursCents;

        if (!await Ledger.ReserveAsync(c, t, account.Id, request.AmountCents, nowText).ConfigureAwait(false))
        {
            throw InsufficientFunds();
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var scheduled = request.ScheduledDate ?? today;
        var transfer = new TransferRow
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organizationId,
            BankAccountId = account.Id,
            BeneficiaryId = beneficiary.Id,
            IdempotencyKey = idempotencyKey,
            AmountCents = request.AmountCents,
            Status = TransferStatus.Pending,
            Instant = instant,
            Reference = request.Reference,
            Note = request.Note,
            ScheduledDate = Timestamps.Date(scheduled),
            AttachmentIds = JsonSerializer.Serialize(request.AttachmentIds, Http.Json.ServerJsonContext.Default.IReadOnlyListString),
            PayeeVerification = payeeCheck,
            InitiatorId = initiatorId,
            CreatedAt = nowText,
            UpdatedAt = nowText,
        };
        var debit = Ledger.PendingTransferDebit(organizationId, account.Id, request.AmountCents, request.Reference, request.Note, beneficiary.Name, beneficiary.Iban, beneficiary.Bic, transfer.Id, nowText);
        // The transfer's files go on its pending debit in the same insert, so its "created" event already lists them.
        await Ledger.InsertAsync(c, t, debit, request.AttachmentIds).ConfigureAwait(false);
        transfer.TransactionId = debit.Id;
        await c.ExecuteAsync($"INSERT INTO transfers ({Columns}) VALUES (@Id, @OrganizationId, @BankAccountId, @BeneficiaryId, @IdempotencyKey, @AmountCents, @Currency, @Status, @Instant, @Reference, @Note, @ScheduledDate, @AttachmentIds, @TransactionId, @DeclinedReason, @CreatedAt, @UpdatedAt, @ProcessedAt, @CompletedAt, @InitiatorId, @PayeeVerification)", transfer, t).ConfigureAwait(false);
        var start = scheduled > today ? new DateTimeOffset(scheduled.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero) : now;
        var settleAt = instant ? start + TransferLimits.InstantSettlement : TransferLimits.NextBusinessDay(start);
        await jobs.EnqueueAsync(c, t, SettleTransfer, transfer.Id, settleAt).ConfigureAwait(false);
        await TransferEvents.RecordAsync(c, t, transfer, WebhookEventNames.Created).ConfigureAwait(false);
        await supplierInvoices.TransferCreatedAsync(c, t, organizationId, transfer.Id, request.AttachmentIds, transfer.ScheduledDate, scheduled > today, nowText).ConfigureAwait(false);
        return transfer;
    }

    /// <summary>Cancels a pending transfer and gives its reservation back (409 otherwise).</summary>
    public Task<TransferRow> CancelAsync(string organizationId, string id, AlsoInTransaction<TransferRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            var transfer = await c.QuerySingleOrDefaultAsync<TransferRow>("SELECT * FROM transfers WHERE id = @id AND organization_id = @organizationId" + database.ForUpdate, new { id, organizationId }, t).ConfigureAwait(false)
                ?? throw ApiException.NotFound("Transfer");
            if (transfer.Status != TransferStatus.Pending)
            {
                throw ApiException.Conflict("invalid_status", $"Only pending transfers can be canceled; this one is {transfer.Status}.");
            }

            var now = Timestamps.ToText(clock.GetUtcNow());
            await Ledger.DeclineDebitAsync(c, t, transfer.BankAccountId, transfer.TransactionId!, transfer.AmountCents, now).ConfigureAwait(false);
            transfer.Status = TransferStatus.Canceled;
            await SaveStatusAsync(c, t, transfer, now).ConfigureAwait(false);
            await supplierInvoices.TransferFailedAsync(c, t, organizationId, transfer.Id, AttachmentIdsOf(transfer), now).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, transfer).ConfigureAwait(false);
            return transfer;
        }, cancellationToken);

    /// <summary>Settles a due pending transfer: debit, the payee's credit when the IBAN is held here, statuses. Idempotent.</summary>
    public Task SettleAsync(DbConnection c, DbTransaction t, string id) => SettleInTransactionAsync(c, t, id);

    public Task<TransferRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<TransferRow>("SELECT * FROM transfers WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    public async Task<(IReadOnlyList<TransferRow> Page, long Total)> ListAsync(string organizationId, TransferQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter("organization_id = @organizationId", new { organizationId, limit, offset })
            .In("status", query.Statuses)
            .In("id", query.Ids)
            .In("beneficiary_id", query.BeneficiaryIds)
            .Compare("updated_at", ">=", query.UpdatedFrom)
            .Compare("updated_at", "<=", query.UpdatedTo)
            .Compare("scheduled_date", ">=", query.ScheduledFrom)
            .Compare("scheduled_date", "<=", query.ScheduledTo);
        var (where, parameters) = (filter.Where, filter.Parameters);
        var direction = query.Descending ? "DESC" : "ASC";
        // The column comes from TransferQuery.SortFields, never from the request's text.
        var order = TransferQuery.SortFields.Single(f => f == query.SortField);
        return await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM transfers WHERE {where}", parameters).ConfigureAwait(false);
            var rows = await c.QueryAsync<TransferRow>($"SELECT * FROM transfers WHERE {where} ORDER BY {order} {direction}, id {direction} LIMIT @limit OFFSET @offset", parameters).ConfigureAwait(false);
            return ((IReadOnlyList<TransferRow>)rows.ToList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task<TransferRow?> FindByKeyAsync(string organizationId, string key, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<TransferRow>("SELECT * FROM transfers WHERE organization_id = @organizationId AND idempotency_key = @key", new { organizationId, key }), cancellationToken);

    private async Task SettleInTransactionAsync(DbConnection c, DbTransaction t, string id)
    {
        var transfer = await c.QuerySingleOrDefaultAsync<TransferRow>("SELECT * FROM transfers WHERE id = @id" + database.ForUpdate, new { id }, t).ConfigureAwait(false);
        if (transfer is null || transfer.Status != TransferStatus.Pending)
        {
            return; // canceled, or already settled by another worker
        }

        var now = Timestamps.ToText(clock.GetUtcNow());
        var account = await c.QuerySingleAsync<BankAccountRow>("SELECT * FROM bank_accounts WHERE id = @id", new { id = transfer.BankAccountId }, t).ConfigureAwait(false);
        if (account.Status != BankAccountStatus.Active)
        {
            await Ledger.DeclineDebitAsync(c, t, account.Id, transfer.TransactionId!, transfer.AmountCents, now).ConfigureAwait(false);
            transfer.Status = TransferStatus.Declined;
            transfer.DeclinedReason = "account_closed";
            transfer.ProcessedAt = now;
            await SaveStatusAsync(c, t, transfer, now).ConfigureAwait(false);
            await supplierInvoices.TransferFailedAsync(c, t, transfer.OrganizationId, transfer.Id, AttachmentIdsOf(transfer), now).ConfigureAwait(false);
            return;
        }

        await Ledger.SettleDebitAsync(c, t, account.Id, transfer.TransactionId!, transfer.AmountCents, now).ConfigureAwait(false);
        transfer.Status = TransferStatus.Settled;
        transfer.ProcessedAt = transfer.CompletedAt = now;
        await SaveStatusAsync(c, t, transfer, now).ConfigureAwait(false);
        await supplierInvoices.TransferSettledAsync(c, t, transfer.OrganizationId, transfer.Id, AttachmentIdsOf(transfer), now).ConfigureAwait(false);

        // When the payee's account is held on this server, the money arrives there in the same transaction.
        var beneficiary = await c.QuerySingleAsync<BeneficiaryRow>("SELECT * FROM beneficiaries WHERE id = @id", new { id = transfer.BeneficiaryId }, t).ConfigureAwait(false);
        var payee = await c.QuerySingleOrDefaultAsync<BankAccountRow>("SELECT * FROM bank_accounts WHERE iban = @iban AND status = 'active'", new { iban = beneficiary.Iban }, t).ConfigureAwait(false);
        if (payee is not null)
        {
            var payer = await c.QuerySingleAsync<string>("SELECT legal_name FROM organizations WHERE id = @id", new { id = transfer.OrganizationId }, t).ConfigureAwait(false);
            await Ledger.CreditWithTransactionAsync(c, t, payee.OrganizationId, payee.Id, transfer.AmountCents, payer, transfer.Reference, payer, account.Iban, "transfer", now).ConfigureAwait(false);
        }
    }

    private static IReadOnlyList<string> AttachmentIdsOf(TransferRow transfer) =>
        JsonSerializer.Deserialize(transfer.AttachmentIds, Http.Json.ServerJsonContext.Default.IReadOnlyListString) ?? [];

    /// <summary>The one write of a transfer's status change (with its reason and processing times).</summary>
    private static async Task SaveStatusAsync(DbConnection c, DbTransaction t, TransferRow transfer, string now)
    {
        transfer.UpdatedAt = now;
        await c.ExecuteAsync(
            "UPDATE transfers SET status = @Status, declined_reason = @DeclinedReason, processed_at = @ProcessedAt, completed_at = @CompletedAt, updated_at = @UpdatedAt WHERE id = @Id",
            transfer, t).ConfigureAwait(false);
        await TransferEvents.RecordAsync(c, t, transfer, WebhookEventNames.Updated).ConfigureAwait(false);
    }
}
