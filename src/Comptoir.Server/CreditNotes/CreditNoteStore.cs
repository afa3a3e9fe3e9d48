using System.Data.Common;
using Comptoir.Server.Attachments;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.CreditNotes;

/// <summary>
/// Credit notes: issued in one transaction with their invoice's row lock (<see cref="CreditNoteIssuer"/>), read by
/// organization, and given their Factur-X document by <see cref="CreditNoteDocumentJob"/>. No other code writes the table.
/// </summary>
[PublicSurface]
public sealed class CreditNoteStore(Database database, JobQueue jobs, CreditNoteIssuer issuer, TimeProvider clock)
{
    public Task<CreditNoteRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        Guid.TryParse(id, out _)
            ? database.ReadAsync(c => c.QuerySingleOrDefaultAsync<CreditNoteRow>("SELECT * FROM credit_notes WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken)
            : Task.FromResult<CreditNoteRow?>(null);

    /// <summary>Issues a credit note of an organization's finalized invoice (POST /v2/credit_notes).</summary>
    public async Task<CreditNoteRow> CreateAsync(string organizationId, CreditNoteRequest request, AlsoInTransaction<CreditNoteRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var note = await database.WriteAsync(async (c, t) =>
        {
            var invoice = await ClientInvoiceStore.LockForCreditAsync(database, c, t, organizationId, request.InvoiceId).ConfigureAwait(false);
            var issued = await issuer.IssueAsync(c, t, invoice, request, clock.GetUtcNow()).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, issued).ConfigureAwait(false);
            return issued;
        }, cancellationToken).ConfigureAwait(false);
        jobs.Signal();
        return note;
    }

    /// <summary>A page of credit notes and the count of all that match.</summary>
    public async Task<(IReadOnlyList<CreditNoteRow> Page, long Total)> ListAsync(string organizationId, CreditNoteQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter("organization_id = @organizationId", new { organizationId })
            .Compare("created_at", ">=", query.CreatedFrom)
            .Compare("created_at", "<=", query.CreatedTo);
        var parameters = filter.Parameters;
        var direction = query.Descending ? "DESC" : "ASC";
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);
        return await database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM credit_notes WHERE {filter.Where}", parameters).ConfigureAwait(false);
            var rows = await c.QueryAsync<CreditNoteRow>(
                $"SELECT id, rendered FROM credit_notes WHERE {filter.Where} ORDER BY created_at {direction}, id {direction} LIMIT @limit OFFSET @offset", parameters).ConfigureAwait(false);
            return ((IReadOnlyList<CreditNoteRow>)rows.ToList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the invoice's credit notes have credited so far, in the caller's transaction.</summary>
    public static async Task<IReadOnlyList<CreditedLine>> CreditedLinesAsync(DbConnection c, DbTransaction t, string invoiceId)
    {
        var credited = await c.QueryAsync<string>("SELECT credited FROM credit_notes WHERE invoice_id = @invoiceId", new { invoiceId }, t).ConfigureAwait(false);
        return credited.SelectMany(json => new CreditNoteRow { Credited = json }.ReadCredited()).ToList();
    }

    /// <summary>Stores the credit note's PDF as its one attachment, in the transaction that completes its job.</summary>
    public static async Task AttachDocumentAsync(DbConnection c, DbTransaction t, CreditNoteRow note, string fileName, byte[] pdf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(note);
        // The document must read as newer than the credit note, even within the same millisecond.
        var stamp = Timestamps.ToText(now);
        if (string.CompareOrdinal(stamp, note.CreatedAt) <= 0)
        {
            stamp = Timestamps.ToText(Timestamps.Parse(note.CreatedAt).AddMilliseconds(1));
        }

        var attachmentId = await AttachmentStore.UpsertInvoiceDocumentAsync(c, t, note.OrganizationId, note.Id, fileName, pdf, stamp).ConfigureAwait(false);
        if (note.AttachmentId != attachmentId)
        {
            note.AttachmentId = attachmentId;
            note.Rendered = CreditNoteRendering.Render(note);
            await c.ExecuteAsync("UPDATE credit_notes SET attachment_id = @AttachmentId, rendered = @Rendered WHERE id = @Id", note, t).ConfigureAwait(false);
        }
    }
}
