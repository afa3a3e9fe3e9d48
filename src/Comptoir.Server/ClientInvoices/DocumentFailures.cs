using Comptoir.FacturX.Model;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Jobs;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// A document job whose invoice (or credit note) cannot make a valid file fails at its first attempt, with the rule or
/// the missing field as its last error: retrying cannot change stored data, and eight attempts over minutes would only
/// hide the reason. <c>comptoir admin jobs list --failed</c> shows it; <c>comptoir admin jobs retry</c> runs it again
/// once the data is corrected.
/// </summary>
[PublicSurface]
public static partial class DocumentFailures
{
    /// <summary>The file would break a fatal EN 16931 rule, or the stored JSON lacks what the Factur-X mapping needs.</summary>
    public static bool IsInTheInvoice(Exception exception) => exception is InvoiceRuleException or JsonBodyException;

    public static async Task FailAtOnceAsync(JobQueue jobs, ILogger logger, JobRow job, Exception reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(reason);
        var error = $"Not retried, the document cannot be valid: {reason.Message}";
        await jobs.FailAsync(job, RetrySchedule.None, error, cancellationToken).ConfigureAwait(false);
        LogInvalidDocument(logger, job.Kind, job.SubjectId, job.Id, reason.Message);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Kind} for {Subject} failed without retry: its document cannot be valid ({Reason}); 'comptoir admin jobs retry {JobId}' runs it again")]
    private static partial void LogInvalidDocument(ILogger logger, string kind, string subject, string jobId, string reason);
}
