using System.Data.Common;
using System.Text.Json;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.CreditNotes;

/// <summary>
/// Issues a credit note inside the caller's transaction, which holds the invoice's row lock: what remains to be
/// credited is read under that lock, so concurrent credit notes of one invoice queue up and none can over-credit.
/// With the credit note come its number, its document job, and the invoice's update (its credit_notes_ids, its
/// cancellation when an unpaid invoice is credited in full, its webhook event).
/// </summary>
[PublicSurface]
public sealed class CreditNoteIssuer(JobQueue jobs, ServerOptions options)
{
    private const string InsertSql =
        "INSERT INTO credit_notes (id, organization_id, invoice_id, number, settlement, reason, body, credited, rendered, total_amount_cents, vat_amount_cents, issue_date, attachment_id, created_at, updated_at) " +
        "VALUES (@Id, @OrganizationId, @InvoiceId, @Number, @Settlement, @Reason, @Body, @Credited, @Rendered, @TotalAmountCents, @VatAmountCents, @IssueDate, @AttachmentId, @CreatedAt, @UpdatedAt)";

    /// <summary>Issues the credit note for <paramref name="invoice"/>, locked by the caller; call <see cref="JobQueue.Signal"/> after the commit.</summary>
    public async Task<CreditNoteRow> IssueAsync(DbConnection c, DbTransaction t, ClientInvoiceRow invoice, CreditNoteRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(request);
        var settlement = invoice.Status switch
        {
            ClientInvoiceStatus.Unpaid => CreditNoteSettlement.Deduct,
            ClientInvoiceStatus.Paid => CreditNoteSettlement.Refund,
            _ => throw ApiException.Conflict("invalid_status", $"Cannot credit an invoice whose status is {invoice.Status} (must be unpaid or paid)."),
        };

        var prior = (await c.QueryAsync<CreditNoteRow>("SELECT credited, total_amount_cents FROM credit_notes WHERE invoice_id = @id", new { id = invoice.Id }, t).ConfigureAwait(false)).ToList();
        var priorLines = prior.SelectMany(p => p.ReadCredited()).ToList();
        var invoiceContent = invoice.ReadContent();
        var (items, credited) = CreditNoteLines.Build(invoiceContent, priorLines, request.Lines);

        var content = invoice.ReadContent();
        content.Items = items;
        content.CreditNoteIds = null;
        var (total, vat) = ClientInvoiceMath.Apply(content);
        var remainingTotal = invoice.TotalAmountCents - prior.Sum(p => p.TotalAmountCents);
        if (total > remainingTotal)
        {
            throw ApiException.Invalid(request.Lines.Count == 0 ? "/invoice_id" : "/items", "exceeds_remaining",
                $"This credit note totals {Cents(total)} including VAT, of which {Cents(Math.Max(remainingTotal, 0))} remains to be credited on the invoice (VAT is rounded per credit note).");
        }

        if (total <= 0)
        {
            throw ApiException.Invalid("/items", "invalid", "A credit note must credit an amount above 0.");
        }

        var issueDate = DateOnly.FromDateTime(now.UtcDateTime);
        var stamp = Timestamps.ToText(now);
        var note = new CreditNoteRow
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = invoice.OrganizationId,
            InvoiceId = invoice.Id,
            Number = await CreditNoteNumbering.NextAsync(c, t, invoice.OrganizationId, issueDate).ConfigureAwait(false),
            Settlement = settlement,
            Reason = request.Reason,
            Credited = JsonSerializer.Serialize(credited, CreditNoteStorageJson.Default.ListCreditedLine),
            TotalAmountCents = total,
            VatAmountCents = vat,
            IssueDate = Timestamps.Date(issueDate),
            CreatedAt = stamp,
            UpdatedAt = stamp,
        };
        note.StoreContent(content);
        note.Rendered = CreditNoteRendering.Render(note);
        // A note whose Factur-X file would break a fatal rule is refused before it takes its number for good.
        CreditNoteFacturX.Require(note, request, invoice.Number!, invoice.IssueDate);
        await c.ExecuteAsync(InsertSql, note, t).ConfigureAwait(false);
        await jobs.EnqueueAsync(c, t, CreditNoteDocumentJob.Kind, note.Id, now + options.DocumentDelay).ConfigureAwait(false);

        var cancel = invoice.Status == ClientInvoiceStatus.Unpaid && CreditNoteLines.NothingRemains(invoiceContent, priorLines.Concat(credited));
        await ClientInvoiceStore.RecordCreditNoteAsync(c, t, invoice, note.Id, cancel, now).ConfigureAwait(false);
        return note;
    }

    private static string Cents(long cents) => Comptoir.Core.Money.DecimalText.Amount(Comptoir.Core.Money.Rounding.FromCents(cents)) + " EUR";
}
