using System.Text.Json;
using Comptoir.FacturX;
using Comptoir.FacturX.Layout;
using Comptoir.Server.Attachments;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Storage;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.Jobs;

/// <summary>
/// Runs the durable jobs: transfer settlements, and invoice documents: a draft becomes a PDF marked DRAFT, a finalized invoice a Factur-X PDF/A-3, stored as
/// the invoice's one attachment (replaced in place, never duplicated). Several processes share the queue; a crash
/// leaves the job's lease to expire and another worker to redo it. On shutdown the current render finishes and
/// unstarted claims are released.
/// </summary>
public sealed partial class DocumentWorker(JobQueue queue, Database database, Transfers.TransferStore transfers, BackgroundCpu cpu, TimeProvider clock, ILogger<DocumentWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string _name = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await queue.ClaimAsync(_name, Lease, stoppingToken).ConfigureAwait(false);
                if (job is null)
                {
                    await queue.WaitAsync(TimeSpan.FromMilliseconds(250), stoppingToken).ConfigureAwait(false);
                    continue;
                }

                // The render itself is not cancelled by shutdown: a started job finishes and commits.
                await RunAsync(job, CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogLoopError(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }

        await queue.ReleaseAsync(_name, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Processes one claimed job (public for tests that drive the queue by hand).</summary>
    public async Task RunAsync(JobRow job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            if (job.Kind == JobQueue.RenderInvoice)
            {
                await RenderAsync(job, cancellationToken).ConfigureAwait(false);
            }
            else if (job.Kind == Transfers.TransferStore.SettleTransfer)
            {
                await database.WriteAsync(async (c, t) =>
                {
                    await transfers.SettleAsync(c, t, job.SubjectId).ConfigureAwait(false);
                    await JobQueue.CompleteAsync(c, t, job.Id, Timestamps.ToText(clock.GetUtcNow())).ConfigureAwait(false);
                    return 0;
                }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new InvalidOperationException($"Unknown job kind {job.Kind}.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogJobFailed(logger, e, job.Kind, job.SubjectId, job.Attempts);
            await queue.FailAsync(job, e.Message, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task RenderAsync(JobRow job, CancellationToken cancellationToken)
    {
        var invoice = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<ClientInvoiceRow>("SELECT * FROM client_invoices WHERE id = @id", new { id = job.SubjectId }), cancellationToken).ConfigureAwait(false);
        if (invoice is null)
        {
            await CompleteAsync(job, cancellationToken).ConfigureAwait(false); // deleted draft: nothing to render
            return;
        }

        var draft = invoice.Status == ClientInvoiceStatus.Draft;
        var result = await cpu.RunAsync(() =>
        {
            var input = ClientInvoiceJson.ParseApiResponse(ApiJson(invoice));
            return new FacturXGenerator(clock).Generate(input.Invoice, new InvoiceLayoutOptions { Draft = draft, Language = input.Language });
        }).ConfigureAwait(false);
        var organization = Snapshots.Organization(invoice.Content.OrganizationSnapshot);
        var fileName = draft ? $"draft-{invoice.Id[..8]}.pdf" : FileNames.Sanitize($"{invoice.Number}-{organization.LegalName}.pdf", "invoice.pdf");

        await database.WriteAsync(async (c, t) =>
        {
            // Store only if the invoice still says what was rendered; a newer state has its own job queued.
            var current = await c.QuerySingleOrDefaultAsync<ClientInvoiceRow>("SELECT * FROM client_invoices WHERE id = @id" + database.ForUpdate, new { id = invoice.Id }, t).ConfigureAwait(false);
            var now = Timestamps.ToText(clock.GetUtcNow());
            if (current is not null && current.Body == invoice.Body && (current.Status == ClientInvoiceStatus.Draft) == draft)
            {
                // The document must read as newer than the finalization, even within the same millisecond.
                var stamp = current.FinalizedAt is { } finalized && string.CompareOrdinal(now, finalized) <= 0
                    ? Timestamps.ToText(Timestamps.Parse(finalized).AddMilliseconds(1))
                    : now;
                var attachmentId = await AttachmentStore.UpsertInvoiceDocumentAsync(c, t, current.OrganizationId, current.Id, fileName, result.Pdf, stamp).ConfigureAwait(false);
                if (current.AttachmentId != attachmentId)
                {
                    current.AttachmentId = attachmentId;
                    await c.ExecuteAsync("UPDATE client_invoices SET attachment_id = @attachmentId, rendered = @rendered WHERE id = @id",
                        new { attachmentId, rendered = ClientInvoiceRendering.Render(current), id = current.Id }, t).ConfigureAwait(false);
                }
            }

            await JobQueue.CompleteAsync(c, t, job.Id, now).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task CompleteAsync(JobRow job, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await JobQueue.CompleteAsync(c, t, job.Id, Timestamps.ToText(clock.GetUtcNow())).ConfigureAwait(false);
            return 0;
        }, cancellationToken);

    /// <summary>The invoice as the API shows it, which is what the Factur-X mapping reads.</summary>
    private static byte[] ApiJson(ClientInvoiceRow invoice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Http.Json.JsonConventions.WriterOptions))
        {
            json.WriteStartObject();
            json.WritePropertyName("client_invoice");
            ClientInvoiceRendering.WriteStored(json, invoice, "http://localhost");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Kind} for {Subject} failed (attempt {Attempts})")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string kind, string subject, long attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Document worker loop error")]
    private static partial void LogLoopError(ILogger logger, Exception exception);

}
