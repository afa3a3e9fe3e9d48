using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Comptoir.Core.Money;
using Comptoir.Server.Attachments;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Comptoir.Server.Webhooks;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// Supplier invoices of an organization; every read is scoped by organization id. An upload writes its files, its
/// invoices and their analysis jobs in one transaction; each later change is one method here (the review actions and
/// edits in SupplierInvoiceStore.Transitions.cs, the transfers' in SupplierInvoiceStore.Payments.cs), and every change
/// records its v1/supplier-invoices webhook event in its transaction.
/// </summary>
[PublicSurface]
public sealed partial class SupplierInvoiceStore(Database database, JobQueue jobs, TimeProvider clock, ILogger<SupplierInvoiceStore> logger)
{
    private const string InsertSql =
        "INSERT INTO supplier_invoices (id, organization_id, idempotency_key, attachment_id, file_name, file_name_search, status, source, source_type, meta, " +
        "is_einvoice, is_credit_note, has_duplicates, initiator_id, created_at, updated_at, transfer_ids, matched_transactions, skip_attachment_matcher) VALUES (@Id, @OrganizationId, @IdempotencyKey, @AttachmentId, " +
        "@FileName, @FileNameSearch, @Status, @Source, @SourceType, @Meta, @IsEinvoice, @IsCreditNote, @HasDuplicates, @InitiatorId, @CreatedAt, @UpdatedAt, @TransferIds, @MatchedTransactions, @SkipAttachmentMatcher) " +
        "ON CONFLICT (organization_id, idempotency_key) DO NOTHING RETURNING id";

    // Transaction receipts with the same content as a file: the attachment matcher (docs/supplier-invoices.md).
    private const string MatchSql =
        "SELECT DISTINCT ta.transaction_id FROM attachments a JOIN transaction_attachments ta ON ta.attachment_id = a.id " +
        "JOIN transactions tr ON tr.id = ta.transaction_id AND tr.organization_id = a.organization_id " +
        "WHERE a.organization_id = @organizationId AND a.sha256 = @sha256 ORDER BY ta.transaction_id";

    /// <summary>
    /// Creates the invoices of a bulk upload, each with its file (when sent) and its analysis job, and runs
    /// <paramref name="alsoInTransaction"/> with the result. An idempotency key already used returns the invoice it
    /// created then, and writes nothing. Each invoice is written under its own savepoint: one that fails unexpectedly
    /// is rolled back alone and comes back as an internal_server_error of its pointer, and the others are created. A
    /// database that cannot serve fails the whole request, as any write.
    /// </summary>
    public async Task<SupplierInvoiceBatch> CreateBatchAsync(string organizationId, string? initiatorId, BulkSettings settings, IReadOnlyList<NewSupplierInvoice> items, AlsoInTransaction<SupplierInvoiceBatch>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(items);
        var result = await database.WriteAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var nowText = Timestamps.ToText(now);
            var rows = new List<SupplierInvoiceRow>(items.Count);
            var failed = new List<ApiError>();
            foreach (var item in items)
            {
                await c.ExecuteAsync("SAVEPOINT supplier_invoice_item", transaction: t).ConfigureAwait(false);
                try
                {
                    rows.Add(await CreateOneAsync(c, t, organizationId, initiatorId, settings, item, now, nowText).ConfigureAwait(false));
                    await c.ExecuteAsync("RELEASE SAVEPOINT supplier_invoice_item", transaction: t).ConfigureAwait(false);
                }
                catch (Exception e) when (IsItemFailure(e, cancellationToken))
                {
                    await c.ExecuteAsync("ROLLBACK TO SAVEPOINT supplier_invoice_item", transaction: t).ConfigureAwait(false);
                    await c.ExecuteAsync("RELEASE SAVEPOINT supplier_invoice_item", transaction: t).ConfigureAwait(false);
                    LogItemFailure(logger, e, item.Pointer, organizationId);
                    failed.Add(new ApiError("internal_server_error", "This invoice could not be stored because of an internal error; the others of the request were. Send it again with the same idempotency_key.", item.Pointer));
                }
            }

            var batch = new SupplierInvoiceBatch(rows, failed);
            await alsoInTransaction.RunAsync(c, t, batch).ConfigureAwait(false);
            return batch;
        }, cancellationToken).ConfigureAwait(false);
        jobs.Signal();
        return result;
    }

    /// <summary>
    /// A failure of one invoice rather than of the database: not a cancellation, nor a database that cannot serve
    /// (which fails the request with a 503, so the client retries it whole).
    /// </summary>
    private static bool IsItemFailure(Exception e, CancellationToken cancellationToken) =>
        !(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !StorageFailures.IsUnavailable(e) && !StorageFailures.IsSqliteFault(e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Supplier invoice {Pointer} of a bulk upload of organization {OrganizationId} failed; the others were stored")]
    private static partial void LogItemFailure(ILogger logger, Exception exception, string pointer, string organizationId);

    private async Task<SupplierInvoiceRow> CreateOneAsync(DbConnection c, DbTransaction t, string organizationId, string? initiatorId, BulkSettings settings, NewSupplierInvoice item, DateTimeOffset now, string nowText)
    {
        var existing = await FindByKeyAsync(c, t, organizationId, item.IdempotencyKey).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        AttachmentRow attachment;
        if (item.Content is not null)
        {
            attachment = await AttachmentStore.InsertAsync(c, t, organizationId, item.FileName!, item.ContentType!, item.Content, nowText).ConfigureAwait(false);
        }
        else
        {
            attachment = await c.QuerySingleAsync<AttachmentRow>("SELECT id, file_name, sha256 FROM attachments WHERE id = @id AND organization_id = @organizationId", new { id = item.AttachmentId, organizationId }, t).ConfigureAwait(false);
        }

        var matched = settings.SkipAttachmentMatcher ? [] : (await c.QueryAsync<string>(MatchSql, new { organizationId, sha256 = attachment.Sha256 }, t).ConfigureAwait(false)).AsList();
        var row = new SupplierInvoiceRow
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organizationId,
            IdempotencyKey = item.IdempotencyKey,
            AttachmentId = attachment.Id,
            FileName = attachment.FileName,
            FileNameSearch = SearchText.Fold(attachment.FileName),
            Status = SupplierInvoiceStatus.ToReview,
            Source = settings.Source,
            SourceType = item.Content is null ? "attachment" : "file",
            Meta = settings.Meta,
            InitiatorId = initiatorId,
            MatchedTransactions = WriteIds(matched),
            SkipAttachmentMatcher = settings.SkipAttachmentMatcher,
            CreatedAt = nowText,
            UpdatedAt = nowText,
        };
        // A key another request is writing at this moment: its row wins (PostgreSQL waits for it to commit), this
        // request returns it and drops the file it just stored.
        if (await c.QuerySingleOrDefaultAsync<string>(InsertSql, row, t).ConfigureAwait(false) is null)
        {
            if (item.Content is not null)
            {
                await c.ExecuteAsync("DELETE FROM attachments WHERE id = @id", new { id = attachment.Id }, t).ConfigureAwait(false);
            }

            return await FindByKeyAsync(c, t, organizationId, item.IdempotencyKey).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The supplier invoice of a used idempotency key could not be read.");
        }

        await jobs.EnqueueAsync(c, t, SupplierInvoiceAnalysisJob.Kind, row.Id, now).ConfigureAwait(false);
        await SupplierInvoiceEvents.RecordAsync(c, t, row, WebhookEventNames.Created).ConfigureAwait(false);
        return row;
    }

    private static Task<SupplierInvoiceRow?> FindByKeyAsync(DbConnection c, DbTransaction t, string organizationId, string key) =>
        c.QuerySingleOrDefaultAsync<SupplierInvoiceRow>("SELECT * FROM supplier_invoices WHERE organization_id = @organizationId AND idempotency_key = @key", new { organizationId, key }, t);

    public Task<SupplierInvoiceRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<SupplierInvoiceRow>("SELECT * FROM supplier_invoices WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    /// <summary>A row by id alone, for the analysis job (whose job row carries no organization).</summary>
    internal Task<SupplierInvoiceRow?> FindForAnalysisAsync(string id, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<SupplierInvoiceRow>("SELECT * FROM supplier_invoices WHERE id = @id", new { id }), cancellationToken);

    public async Task<(IReadOnlyList<SupplierInvoiceRow> Page, long Total)> ListAsync(string organizationId, SupplierInvoiceQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter("organization_id = @organizationId", new { organizationId })
            .In("status", query.Statuses)
            .Compare("created_at", ">=", query.CreatedFrom)
            .Compare("created_at", "<=", query.CreatedTo)
            .Compare("updated_at", ">=", query.UpdatedFrom)
            .Compare("updated_at", "<=", query.UpdatedTo)
            .Compare("attachment_id", "=", query.AttachmentId)
            .Compare("issue_date", ">=", query.IssueDateFrom);
        switch (query.DueDate)
        {
            case "past_and_today": filter.And("due_date <= @today", "today", query.Today); break;
            case "future": filter.And("due_date > @today", "today", query.Today); break;
            case "missing_date": filter.And("due_date IS NULL"); break;
        }

        if (query.PayableAmount is var (op, cents, currency))
        {
            filter.Compare("payable_amount_cents", op, cents).Compare("currency", "=", currency);
        }

        const string missing = "(supplier_name IS NULL OR invoice_number IS NULL OR total_amount_cents IS NULL OR issue_date IS NULL)";
        if (query.MissingData is { } missingData)
        {
            filter.And(missingData ? missing : "NOT " + missing);
        }

        if (query.ExcludeCreditNotes)
        {
            filter.And("is_credit_note = @notCredit", "notCredit", false);
        }

        if (query.Text is not null)
        {
            var columns = query.QueryFields.Select(SupplierInvoiceQueryFields.Column).Select(column => $"{column} LIKE @text ESCAPE '\\'");
            filter.And("(" + string.Join(" OR ", columns) + ")", "text", SearchText.LikeContains(query.Text));
        }

        var column = query.SortField switch
        {
            "updated_at" => "updated_at",
            "file_name" => "file_name_search",
            "supplier_name" => "supplier_name_search",
            "payment_date" => "payment_date",
            "due_date" => "due_date",
            "scheduled_date" => "scheduled_date",
            "total_amount" => "total_amount_cents",
            _ => "created_at",
        };
        var direction = query.Descending ? "DESC" : "ASC";
        // Missing values last in both directions and on both engines (they disagree on where NULL sorts).
        var order = $"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {column} {direction}, id {direction}";
        var parameters = filter.Parameters;
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);
        var where = filter.Where;
        return await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM supplier_invoices WHERE {where}", parameters).ConfigureAwait(false);
            var rows = await c.QueryAsync<SupplierInvoiceRow>($"SELECT * FROM supplier_invoices WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset", parameters).ConfigureAwait(false);
            return ((IReadOnlyList<SupplierInvoiceRow>)rows.AsList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores what the analysis read, once: an invoice already analysed is left as it is (a job run twice changes
    /// nothing). Marks duplicates (same supplier by VAT number, registration number or name, same invoice number) on
    /// every invoice concerned (SupplierInvoiceStore.Duplicates.cs). Runs in the caller's transaction, which completes the job.
    /// </summary>
    internal async Task<bool> RecordAnalysisAsync(DbConnection c, DbTransaction t, string id, SupplierInvoiceExtraction found, string now)
    {
        var taxes = found.Taxes.Count == 0 ? null : JsonSerializer.Serialize(
            found.Taxes.Select(x => new StoredTax(DecimalText.Plain(x.RatePercent), x.TaxCents)).ToList(), SupplierInvoiceStorageJsonContext.Default.ListStoredTax);
        var discrepancies = found.Discrepancies.Count == 0 ? null : JsonSerializer.Serialize(
            found.Discrepancies.Select(d => new StoredDiscrepancy(d.Rule, d.Message, d.Location, d.Field)).ToList(), SupplierInvoiceStorageJsonContext.Default.ListStoredDiscrepancy);
        var changed = await c.ExecuteAsync(
            "UPDATE supplier_invoices SET invoice_number = @InvoiceNumber, invoice_number_search = @numberSearch, supplier_name = @SupplierName, supplier_name_search = @nameSearch, " +
            "vat_number = @VatNumber, tin = @Tin, currency = @Currency, total_amount_cents = @TotalAmountCents, total_amount_excluding_taxes_cents = @TotalAmountExcludingTaxesCents, " +
            "total_tax_amount_cents = @TotalTaxAmountCents, payable_amount_cents = @PayableAmountCents, taxes = @taxes, issue_date = @issueDate, due_date = @dueDate, iban = @Iban, " +
            "is_einvoice = @IsEinvoice, e_invoice_type = @EInvoiceType, is_credit_note = @IsCreditNote, discrepancies = @discrepancies, analyzed_at = @now, updated_at = @now " +
            "WHERE id = @id AND analyzed_at IS NULL",
            new
            {
                id,
                now,
                found.InvoiceNumber,
                numberSearch = found.InvoiceNumber is null ? null : SearchText.Fold(found.InvoiceNumber),
                found.SupplierName,
                nameSearch = found.SupplierName is null ? null : SearchText.Fold(found.SupplierName),
                found.VatNumber,
                found.Tin,
                found.Currency,
                found.TotalAmountCents,
                found.TotalAmountExcludingTaxesCents,
                found.TotalTaxAmountCents,
                found.PayableAmountCents,
                taxes,
                issueDate = found.IssueDate is { } issue ? Timestamps.Date(issue) : null,
                dueDate = found.DueDate is { } due ? Timestamps.Date(due) : null,
                found.Iban,
                found.IsEinvoice,
                found.EInvoiceType,
                found.IsCreditNote,
                discrepancies,
            }, t).ConfigureAwait(false);
        if (changed == 0)
        {
            return false;
        }

        var invoice = await c.QuerySingleAsync<SupplierInvoiceRow>("SELECT * FROM supplier_invoices WHERE id = @id", new { id }, t).ConfigureAwait(false);
        await RecomputeDuplicatesAsync(c, t, invoice, numberBefore: null, now).ConfigureAwait(false);
        await SupplierInvoiceEvents.RecordAsync(c, t, invoice, WebhookEventNames.Updated).ConfigureAwait(false);
        return true;
    }

    /// <summary>The VAT breakdown as stored in supplier_invoices.taxes.</summary>
    internal static IReadOnlyList<StoredTax> ReadTaxes(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, SupplierInvoiceStorageJsonContext.Default.ListStoredTax) ?? [];

    internal static IReadOnlyList<StoredDiscrepancy> ReadDiscrepancies(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, SupplierInvoiceStorageJsonContext.Default.ListStoredDiscrepancy) ?? [];

    /// <summary>A JSON array of ids as stored (transfer_ids, matched_transactions).</summary>
    internal static IReadOnlyList<string> ReadIds(string json) =>
        JsonSerializer.Deserialize(json, ServerJsonContext.Default.IReadOnlyListString) ?? [];

    internal static string WriteIds(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids, ServerJsonContext.Default.IReadOnlyListString);

    internal static string Today(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>What a bulk upload wrote: one row per invoice stored (or found under its key), in order, and the invoices that failed.</summary>
[PublicSurface]
public sealed record SupplierInvoiceBatch(IReadOnlyList<SupplierInvoiceRow> Rows, IReadOnlyList<ApiError> Failed);
