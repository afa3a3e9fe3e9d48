using Comptoir.FacturX;
using Comptoir.FacturX.Layout;
using Comptoir.Server.Attachments;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.CreditNotes;

/// <summary>
/// Renders a credit note's Factur-X PDF/A-3 (type 381, BT-25/BT-26 naming the invoice it corrects) through the
/// invoices' pipeline: the credit note as a client invoice's JSON, <see cref="ClientInvoiceJson"/>, then
/// <see cref="FacturXGenerator"/> on the low-priority <see cref="BackgroundCpu"/> thread. A credit note asks for no
/// payment: no payment means, no due date, and "to deduct" or "to refund" where an invoice says "amount due".
/// </summary>
/// <remarks>Retried as an invoice's document is: 8 attempts from 2 s doubling up to 5 minutes (a render needs only the
/// database and the CPU; what survives that is a bug to look at); a note that cannot make a valid file fails at once
/// (<see cref="DocumentFailures"/>).</remarks>
public sealed class CreditNoteDocumentJob(Database database, BackgroundCpu cpu, JobQueue jobs, TimeProvider clock, ILogger<CreditNoteDocumentJob> logger) : IJobHandler
{
    /// <summary>The job kind, stored in jobs rows: never change it.</summary>
    public const string Kind = "render_credit_note";

    public static readonly RetrySchedule Schedule = new(maxAttempts: 8, baseDelay: TimeSpan.FromSeconds(2), maxDelay: TimeSpan.FromMinutes(5));

    string IJobHandler.Kind => Kind;

    RetrySchedule IJobHandler.RetrySchedule => Schedule;

    public async Task HandleAsync(JobRow job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var (note, invoice) = await database.ReadAsync(async c =>
        {
            var note = await c.QuerySingleOrDefaultAsync<CreditNoteRow>("SELECT * FROM credit_notes WHERE id = @id", new { id = job.SubjectId }).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Credit note {job.SubjectId} does not exist.");
            var invoice = await c.QuerySingleAsync<(string Number, string IssueDate)>("SELECT number, issue_date FROM client_invoices WHERE id = @id", new { id = note.InvoiceId }).ConfigureAwait(false);
            return (note, invoice);
        }, cancellationToken).ConfigureAwait(false);

        byte[] pdf;
        string seller;
        try
        {
            (pdf, seller) = await cpu.RunAsync(() =>
            {
                var (document, language) = CreditNoteFacturX.Map(note, invoice.Number, invoice.IssueDate);
                return (new FacturXGenerator(clock).Generate(document, new InvoiceLayoutOptions { Language = language }).Pdf, document.Seller.Name);
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (DocumentFailures.IsInTheInvoice(e))
        {
            // Issuing refuses such a note; one issued before that cannot make a valid file, whatever the retries.
            await DocumentFailures.FailAtOnceAsync(jobs, logger, job, e, cancellationToken).ConfigureAwait(false);
            return;
        }

        var fileName = FileNames.Sanitize($"{note.Number}-{seller}.pdf", "credit-note.pdf");

        await database.WriteAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            await CreditNoteStore.AttachDocumentAsync(c, t, note, fileName, pdf, now).ConfigureAwait(false);
            await JobQueue.CompleteAsync(c, t, job.Id, Timestamps.ToText(now)).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }
}
