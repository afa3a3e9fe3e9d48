using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Comptoir.Core.Money;
using Comptoir.Server.Attachments;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// Supplier invoices of an organization; every read is scoped by organization id. An upload writes its files, its
/// invoices and their analysis jobs in one transaction; each later change is one method here.
/// </summary>
[PublicSurface]
public sealed class SupplierInvoiceStore(Database database, JobQueue jobs, TimeProvider clock)
{
    private const string InsertSql =
        "INSERT INTO supplier_invoices (id, organization_id, idempotency_key, attachment_id, file_name, file_name_search, status, source, source_type, meta, " +
        "is_einvoice, is_credit_note, has_duplicates, initiator_id, created_at, updated_at) VALUES (@Id, @OrganizationId, @IdempotencyKey, @AttachmentId, " +
        "@FileName, @FileNameSearch, @Status, @Source, @SourceType, @Meta, @IsEinvoice, @IsCreditNote, @HasDuplicates, @InitiatorId, @CreatedAt, @UpdatedAt) " +
        "ON CONFLICT (organization_id, idempotency_key) DO NOTHING RETURNING id";

    /// <summary>
    /// Creates the invoices of a bulk upload, each with its file (when sent) and its analysis job, and runs
    /// <paramref name="alsoInTransaction"/> with the result. An idempotency key already used returns the invoice it
    /// created then, and writes nothing. The result has one row per item, in order.
    /// </summary>
    public async Task<IReadOnlyList<SupplierInvoiceRow>> CreateBatchAsync(string organizationId, string? initiatorId, BulkSettings settings, IReadOnlyList<NewSupplierInvoice> items, AlsoInTransaction<IReadOnlyList<SupplierInvoiceRow>>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(items);
        var result = await database.WriteAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var nowText = Timestamps.ToText(now);
            var rows = new List<SupplierInvoiceRow>(items.Count);
            foreach (var item in items)
            {
                rows.Add(await CreateOneAsync(c, t, organizationId, initiatorId, settings, item, now, nowText).ConfigureAwait(false));
            }

            await alsoInTransaction.RunAsync(c, t, rows).ConfigureAwait(false);
            return rows;
        }, cancellationToken).ConfigureAwait(false);
        jobs.Signal();
        return result;
    }

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
            attachment = await c.QuerySingleAsync<AttachmentRow>("SELECT id, file_name FROM attachments WHERE id = @id AND organization_id = @organizationId", new { id = item.AttachmentId, organizationId }, t).ConfigureAwait(false);
        }

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

    /// <summary>to_review, to_approve or awaiting_payment -> paid on <paramref name="paymentDate"/> (today when null).</summary>
    public Task<SupplierInvoiceRow> MarkPaidAsync(string organizationId, string id, DateOnly? paymentDate, AlsoInTransaction<SupplierInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(organizationId, id, "mark_as_paid", SupplierInvoiceStatus.Open, (invoice, now) =>
        {
            invoice.StatusBeforePaid = invoice.Status;
            invoice.Status = SupplierInvoiceStatus.Paid;
            invoice.PaymentDate = Timestamps.Date(paymentDate ?? DateOnly.FromDateTime(now.UtcDateTime));
        }, alsoInTransaction, cancellationToken);

    /// <summary>paid -> the status it was marked paid from (awaiting_payment when unknown).</summary>
    public Task<SupplierInvoiceRow> UnmarkPaidAsync(string organizationId, string id, AlsoInTransaction<SupplierInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(organizationId, id, "unmark_as_paid", [SupplierInvoiceStatus.Paid], (invoice, _) =>
        {
            invoice.Status = invoice.StatusBeforePaid ?? SupplierInvoiceStatus.AwaitingPayment;
            invoice.StatusBeforePaid = null;
            invoice.PaymentDate = null;
        }, alsoInTransaction, cancellationToken);

    /// <summary>to_review, to_approve or awaiting_payment -> rejected, with the reason given.</summary>
    public Task<SupplierInvoiceRow> RejectAsync(string organizationId, string id, string? note, string? reasonCode, AlsoInTransaction<SupplierInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(organizationId, id, "reject", SupplierInvoiceStatus.Open, (invoice, _) =>
        {
            invoice.Status = SupplierInvoiceStatus.Rejected;
            invoice.DeclinedNote = note;
            invoice.DeclinedReasonCode = reasonCode;
        }, alsoInTransaction, cancellationToken);

    private Task<SupplierInvoiceRow> TransitionAsync(string organizationId, string id, string action, IReadOnlyList<string> from, Action<SupplierInvoiceRow, DateTimeOffset> change, AlsoInTransaction<SupplierInvoiceRow>? alsoInTransaction, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            var invoice = await c.QuerySingleOrDefaultAsync<SupplierInvoiceRow>(
                "SELECT * FROM supplier_invoices WHERE id = @id AND organization_id = @organizationId" + database.ForUpdate, new { id, organizationId }, t).ConfigureAwait(false)
                ?? throw ApiException.NotFound("Supplier invoice");
            if (!from.Contains(invoice.Status, StringComparer.Ordinal))
            {
                throw ApiException.BadRequest("invalid_transition", $"Invalid transition: cannot {action} a supplier invoice in status {invoice.Status} (only from {string.Join(", ", from)}).");
            }

            var now = clock.GetUtcNow();
            change(invoice, now);
            invoice.UpdatedAt = Timestamps.ToText(now);
            await c.ExecuteAsync(
                "UPDATE supplier_invoices SET status = @Status, status_before_paid = @StatusBeforePaid, payment_date = @PaymentDate, declined_note = @DeclinedNote, declined_reason_code = @DeclinedReasonCode, updated_at = @UpdatedAt WHERE id = @Id",
                invoice, t).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, invoice).ConfigureAwait(false);
            return invoice;
        }, cancellationToken);

    /// <summary>
    /// Stores what the analysis read, once: an invoice already analysed is left as it is (a job run twice changes
    /// nothing). Marks duplicates (same supplier by VAT number, registration number or name, same invoice number) on
    /// every invoice concerned. Runs in the caller's transaction, which completes the job.
    /// </summary>
    internal async Task<bool> RecordAnalysisAsync(DbConnection c, DbTransaction t, string id, SupplierInvoiceExtraction found, string now)
    {
        var taxes = found.Taxes.Count == 0 ? null : JsonSerializer.Serialize(
            found.Taxes.Select(x => new StoredTax(DecimalText.Plain(x.RatePercent), x.TaxCents)).ToList(), SupplierInvoiceStorageJsonContext.Default.ListStoredTax);
        var discrepancies = found.Discrepancies.Count == 0 ? null : JsonSerializer.Serialize(
            found.Discrepancies.Select(d => new StoredDiscrepancy(d.Rule, d.Message)).ToList(), SupplierInvoiceStorageJsonContext.Default.ListStoredDiscrepancy);
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
        if (changed == 0 || found.InvoiceNumber is null)
        {
            return changed > 0;
        }

        var same = (await c.QueryAsync<string>(
            "SELECT other.id FROM supplier_invoices other JOIN supplier_invoices self ON self.id = @id " +
            "WHERE other.organization_id = self.organization_id AND other.invoice_number = self.invoice_number AND (" +
            "(other.vat_number IS NOT NULL AND other.vat_number = self.vat_number) OR (other.tin IS NOT NULL AND other.tin = self.tin) " +
            "OR (other.supplier_name_search IS NOT NULL AND other.supplier_name_search = self.supplier_name_search))",
            new { id }, t).ConfigureAwait(false)).AsList();
        if (same.Count > 1)
        {
            // One statement per row: a handful of rows, and each statement stays one compiled text.
            foreach (var duplicate in same)
            {
                await c.ExecuteAsync("UPDATE supplier_invoices SET has_duplicates = @yes, updated_at = @now WHERE id = @duplicate", new { duplicate, now, yes = true }, t).ConfigureAwait(false);
            }
        }

        return true;
    }

    /// <summary>The VAT breakdown as stored in supplier_invoices.taxes.</summary>
    internal static IReadOnlyList<StoredTax> ReadTaxes(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, SupplierInvoiceStorageJsonContext.Default.ListStoredTax) ?? [];

    internal static IReadOnlyList<StoredDiscrepancy> ReadDiscrepancies(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, SupplierInvoiceStorageJsonContext.Default.ListStoredDiscrepancy) ?? [];

    internal static string Today(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
