using Comptoir.FacturX.Reading.Text;
using Comptoir.Server.Attachments;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// Analyses an uploaded supplier invoice (<see cref="SupplierInvoiceAnalysis"/>, on the low-priority
/// <see cref="BackgroundCpu"/> thread; OCR, when Tesseract is installed, in its own process) and stores what it read in the transaction that completes the job. The job is
/// enqueued with the upload, so a crash never loses it; an invoice is analysed once (a second run finds analyzed_at
/// set and changes nothing).
/// </summary>
/// <remarks>
/// Retry schedule: 8 attempts, from 2 s doubling up to 5 minutes, as for documents: the work reads only the database
/// and the CPU, and a file the readers cannot parse is not a failure (it is stored with empty fields).
/// </remarks>
public sealed class SupplierInvoiceAnalysisJob(Database database, SupplierInvoiceStore invoices, AttachmentStore attachments, BackgroundCpu cpu, TimeProvider clock, TesseractOcr? ocr = null) : IJobHandler
{
    /// <summary>Tesseract as installed on this machine unless one was registered; none: images keep empty fields.</summary>
    private readonly TesseractOcr? _ocr = ocr ?? TesseractOcr.Installed;

    /// <summary>The job kind, stored in jobs rows: never change it.</summary>
    public const string Kind = "analyze_supplier_invoice";

    public static readonly RetrySchedule Schedule = new(maxAttempts: 8, baseDelay: TimeSpan.FromSeconds(2), maxDelay: TimeSpan.FromMinutes(5));

    string IJobHandler.Kind => Kind;

    RetrySchedule IJobHandler.RetrySchedule => Schedule;

    public async Task HandleAsync(JobRow job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var invoice = await invoices.FindForAnalysisAsync(job.SubjectId, cancellationToken).ConfigureAwait(false);
        var found = SupplierInvoiceExtraction.Nothing;
        if (invoice is { AnalyzedAt: null })
        {
            var (_, content) = await attachments.ReadAsync(invoice.AttachmentId, cancellationToken).ConfigureAwait(false);
            if (content is not null)
            {
                found = await SupplierInvoiceAnalysis.ExtractAsync(content, _ocr, cpu.RunAsync, cancellationToken).ConfigureAwait(false);
            }
        }

        await database.WriteAsync(async (c, t) =>
        {
            var now = Timestamps.ToText(clock.GetUtcNow());
            if (invoice is { AnalyzedAt: null })
            {
                await invoices.RecordAnalysisAsync(c, t, invoice.Id, found, now).ConfigureAwait(false);
            }

            await JobQueue.CompleteAsync(c, t, job.Id, now).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }
}
