using System.Data.Common;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Storage;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.SupplierInvoices;

// The review actions, the public API's and the web app's, and the edit of the extracted data: each checked against
// SupplierInvoiceTransitions and written, with its webhook event, by SaveAsync.
public sealed partial class SupplierInvoiceStore
{
    private const string SaveSql =
        "UPDATE supplier_invoices SET status = @Status, status_before_paid = @StatusBeforePaid, payment_date = @PaymentDate, scheduled_date = @ScheduledDate, " +
        "declined_note = @DeclinedNote, declined_reason_code = @DeclinedReasonCode, transfer_ids = @TransferIds, updated_at = @UpdatedAt WHERE id = @Id";

    /// <summary>to_review, to_approve or awaiting_payment -> paid on <paramref name="paymentDate"/> (today when null).</summary>
    public Task<SupplierInvoiceRow> MarkPaidAsync(string organizationId, string id, DateOnly? paymentDate, AlsoInTransaction<SupplierInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(organizationId, id, SupplierInvoiceTransitions.MarkAsPaid, (invoice, now) =>
        {
            invoice.StatusBeforePaid = invoice.Status;
            invoice.Status = SupplierInvoiceStatus.Paid;
            invoice.PaymentDate = Timestamps.Date(paymentDate ?? DateOnly.FromDateTime(now.UtcDateTime));
        }, alsoInTransaction, cancellationToken);

    /// <summary>paid -> the status it was marked paid from (awaiting_payment when unknown or paid by a transfer).</summary>
    public Task<SupplierInvoiceRow> UnmarkPaidAsync(string organizationId, string id, AlsoInTransaction<SupplierInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(organizationId, id, SupplierInvoiceTransitions.UnmarkAsPaid, (invoice, _) =>
        {
            invoice.Status = invoice.StatusBeforePaid ?? SupplierInvoiceStatus.AwaitingPayment;
            invoice.StatusBeforePaid = null;
            invoice.PaymentDate = null;
        }, alsoInTransaction, cancellationToken);

    /// <summary>to_review, to_approve or awaiting_payment -> rejected, with the reason given.</summary>
    public Task<SupplierInvoiceRow> RejectAsync(string organizationId, string id, string? note, string? reasonCode, AlsoInTransaction<SupplierInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(organizationId, id, SupplierInvoiceTransitions.Reject, (invoice, _) =>
        {
            invoice.Status = SupplierInvoiceStatus.Rejected;
            invoice.DeclinedNote = note;
            invoice.DeclinedReasonCode = reasonCode;
        }, alsoInTransaction, cancellationToken);

    /// <summary>
    /// One of the web app's moves that only change the status: <see cref="SupplierInvoiceTransitions.Submit"/>,
    /// <see cref="SupplierInvoiceTransitions.Approve"/>, <see cref="SupplierInvoiceTransitions.Archive"/> or
    /// <see cref="SupplierInvoiceTransitions.Discard"/>.
    /// </summary>
    public Task<SupplierInvoiceRow> MoveAsync(string organizationId, string id, SupplierInvoiceTransition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (!SupplierInvoiceTransitions.StatusMoves.Contains(transition) || transition.To is not { } to)
        {
            throw new ArgumentException($"{transition.Action} is not a move of the status alone.", nameof(transition));
        }

        return TransitionAsync(organizationId, id, transition, (invoice, _) => invoice.Status = to, null, cancellationToken);
    }

    /// <summary>
    /// Sets the extracted fields the edit names, while the invoice is open and once the analysis has run (which would
    /// otherwise write over the correction), and recomputes the duplicates of the invoices that had its old number or
    /// supplier and of those that have its new one (flags set and cleared).
    /// </summary>
    public Task<SupplierInvoiceRow> EditAsync(string organizationId, string id, SupplierInvoiceEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (edit.IsEmpty)
        {
            throw ApiException.BadRequest("invalid", "Nothing to edit: name at least one field.");
        }

        var change = edit.Checked();
        return database.WriteAsync(async (c, t) =>
        {
            var invoice = await LockAsync(c, t, organizationId, id).ConfigureAwait(false);
            Require(invoice, SupplierInvoiceTransitions.Edit);
            var numberBefore = invoice.InvoiceNumber;
            if (invoice.AnalyzedAt is null)
            {
                throw ApiException.Conflict("not_analyzed", "The invoice's file is still being analysed; edit it once analyzed_at is set, so the analysis cannot write over the correction.");
            }

            invoice.SupplierName = change.SupplierName ?? invoice.SupplierName;
            invoice.SupplierNameSearch = invoice.SupplierName is null ? null : SearchText.Fold(invoice.SupplierName);
            invoice.InvoiceNumber = change.InvoiceNumber ?? invoice.InvoiceNumber;
            invoice.InvoiceNumberSearch = invoice.InvoiceNumber is null ? null : SearchText.Fold(invoice.InvoiceNumber);
            invoice.VatNumber = change.VatNumber ?? invoice.VatNumber;
            invoice.Tin = change.Tin ?? invoice.Tin;
            invoice.Description = change.Description ?? invoice.Description;
            invoice.IssueDate = change.IssueDate is { } issue ? Timestamps.Date(issue) : invoice.IssueDate;
            invoice.DueDate = change.DueDate is { } due ? Timestamps.Date(due) : invoice.DueDate;
            invoice.Currency = change.Currency ?? invoice.Currency;
            invoice.TotalAmountCents = change.TotalAmountCents ?? invoice.TotalAmountCents;
            invoice.TotalAmountExcludingTaxesCents = change.TotalAmountExcludingTaxesCents ?? invoice.TotalAmountExcludingTaxesCents;
            invoice.TotalTaxAmountCents = change.TotalTaxAmountCents ?? invoice.TotalTaxAmountCents;
            invoice.PayableAmountCents = change.PayableAmountCents ?? invoice.PayableAmountCents;
            invoice.Iban = change.Iban ?? invoice.Iban;
            invoice.UpdatedAt = Timestamps.ToText(clock.GetUtcNow());
            await c.ExecuteAsync(
                "UPDATE supplier_invoices SET supplier_name = @SupplierName, supplier_name_search = @SupplierNameSearch, invoice_number = @InvoiceNumber, invoice_number_search = @InvoiceNumberSearch, " +
                "vat_number = @VatNumber, tin = @Tin, description = @Description, issue_date = @IssueDate, due_date = @DueDate, currency = @Currency, total_amount_cents = @TotalAmountCents, " +
                "total_amount_excluding_taxes_cents = @TotalAmountExcludingTaxesCents, total_tax_amount_cents = @TotalTaxAmountCents, payable_amount_cents = @PayableAmountCents, iban = @Iban, " +
                "updated_at = @UpdatedAt WHERE id = @Id", invoice, t).ConfigureAwait(false);
            await RecomputeDuplicatesAsync(c, t, invoice, numberBefore, invoice.UpdatedAt).ConfigureAwait(false);
            await SupplierInvoiceEvents.RecordAsync(c, t, invoice, WebhookEventNames.Updated).ConfigureAwait(false);
            return invoice;
        }, cancellationToken);
    }

    private Task<SupplierInvoiceRow> TransitionAsync(string organizationId, string id, SupplierInvoiceTransition transition, Action<SupplierInvoiceRow, DateTimeOffset> change, AlsoInTransaction<SupplierInvoiceRow>? alsoInTransaction, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            var invoice = await LockAsync(c, t, organizationId, id).ConfigureAwait(false);
            Require(invoice, transition);
            var now = clock.GetUtcNow();
            change(invoice, now);
            invoice.UpdatedAt = Timestamps.ToText(now);
            await SaveAsync(c, t, invoice).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, invoice).ConfigureAwait(false);
            return invoice;
        }, cancellationToken);

    private async Task<SupplierInvoiceRow> LockAsync(DbConnection c, DbTransaction t, string organizationId, string id) =>
        await c.QuerySingleOrDefaultAsync<SupplierInvoiceRow>(
            "SELECT * FROM supplier_invoices WHERE id = @id AND organization_id = @organizationId" + database.ForUpdate, new { id, organizationId }, t).ConfigureAwait(false)
        ?? throw ApiException.NotFound("Supplier invoice");

    /// <summary>A 400 naming the transition when the invoice's status does not allow it.</summary>
    private static void Require(SupplierInvoiceRow invoice, SupplierInvoiceTransition transition)
    {
        if (!transition.AllowedFrom(invoice.Status))
        {
            throw ApiException.BadRequest("invalid_transition", $"Invalid transition: cannot {transition.Action} a supplier invoice in status {invoice.Status} (only from {string.Join(", ", transition.From)}).");
        }
    }

    /// <summary>
    /// The one write of a status change (with its dates, reasons and transfers) and its webhook event. A discarded
    /// invoice is no duplicate and leaves its group: the others may be unique again.
    /// </summary>
    private static async Task SaveAsync(DbConnection c, DbTransaction t, SupplierInvoiceRow invoice)
    {
        await c.ExecuteAsync(SaveSql, invoice, t).ConfigureAwait(false);
        if (invoice.Status == SupplierInvoiceStatus.Discarded)
        {
            await RecomputeDuplicatesAsync(c, t, invoice, invoice.InvoiceNumber, invoice.UpdatedAt).ConfigureAwait(false);
        }

        await SupplierInvoiceEvents.RecordAsync(c, t, invoice, WebhookEventNames.Updated).ConfigureAwait(false);
    }
}
