using Comptoir.FacturX;
using Comptoir.FacturX.Layout;
using Comptoir.Server.Attachments;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Renders an invoice's document: a draft becomes a PDF marked DRAFT, a finalized invoice a Factur-X PDF/A-3, stored
/// as the invoice's one attachment (replaced in place, never duplicated) by <see cref="ClientInvoiceStore"/>, in the
/// transaction that completes the job. Rendering runs on the low-priority <see cref="BackgroundCpu"/> thread.
/// </summary>
/// <remarks>
/// Retry schedule: 8 attempts, from 2 s doubling up to 5 minutes (about 4 minutes of waits in all). A render reads only the
/// database and the CPU, so a failure that survives a few minutes is a bug or a bad invoice, not a passing outage:
/// it is marked failed for someone to look at rather than retried for hours. An invoice that cannot make a valid file
/// (<see cref="DocumentFailures"/>) is marked failed at its first attempt.
/// </remarks>
public sealed class ClientInvoiceDocumentJob(Database database, ClientInvoiceStore invoices, BackgroundCpu cpu, JobQueue jobs, TimeProvider clock, ILogger<ClientInvoiceDocumentJob> logger) : IJobHandler
{
    /// <summary>The job kind, stored in jobs rows: never change it.</summary>
    public const string Kind = "render_invoice";

    public static readonly RetrySchedule Schedule = new(maxAttempts: 8, baseDelay: TimeSpan.FromSeconds(2), maxDelay: TimeSpan.FromMinutes(5));

    string IJobHandler.Kind => Kind;

    RetrySchedule IJobHandler.RetrySchedule => Schedule;

    public async Task HandleAsync(JobRow job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var invoice = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<ClientInvoiceRow>("SELECT * FROM client_invoices WHERE id = @id", new { id = job.SubjectId }), cancellationToken).ConfigureAwait(false);
        if (invoice is null)
        {
            await CompleteAsync(job, cancellationToken).ConfigureAwait(false); // deleted draft: nothing to render
            return;
        }

        var draft = invoice.Status == ClientInvoiceStatus.Draft;
        FacturXResult result;
        try
        {
            result = await cpu.RunAsync(() =>
            {
                var input = ClientInvoiceFacturX.Map(invoice);
                return new FacturXGenerator(clock).Generate(input.Invoice, new InvoiceLayoutOptions { Draft = draft, Language = input.Language });
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (DocumentFailures.IsInTheInvoice(e))
        {
            // The stored invoice itself cannot make a valid file (stored before the refusal at finalization existed,
            // or lacking a field the mapping needs): no retry can change that.
            await DocumentFailures.FailAtOnceAsync(jobs, logger, job, e, cancellationToken).ConfigureAwait(false);
            return;
        }

        var organization = Snapshots.Organization(invoice.ReadContent().OrganizationSnapshot);
        var fileName = draft ? $"draft-{invoice.Id[..8]}.pdf" : FileNames.Sanitize($"{invoice.Number}-{organization.LegalName}.pdf", "invoice.pdf");

        await database.WriteAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            await invoices.AttachDocumentAsync(c, t, invoice, fileName, result.Pdf, now).ConfigureAwait(false);
            await JobQueue.CompleteAsync(c, t, job.Id, Timestamps.ToText(now)).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task CompleteAsync(JobRow job, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await JobQueue.CompleteAsync(c, t, job.Id, Timestamps.ToText(clock.GetUtcNow())).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
}
