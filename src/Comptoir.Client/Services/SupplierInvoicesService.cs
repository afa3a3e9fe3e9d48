using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Comptoir.Client.Http;
using Comptoir.Client.Models;

namespace Comptoir.Client.Services;

/// <summary>/v2/supplier_invoices: bulk upload, list, get, mark paid, unmark, reject.</summary>
public sealed class SupplierInvoicesService
{
    /// <summary>Invoices per bulk request, as the API allows.</summary>
    public const int MaxPerRequest = 20;

    private readonly ApiRequester _api;

    internal SupplierInvoicesService(ApiRequester api) => _api = api;

    /// <summary>
    /// Uploads up to 20 invoices in one request (indexed multipart fields). The answer is a 200 even when some are
    /// refused: each refusal comes back in <see cref="SupplierInvoiceUploadResult.Errors"/> with its index. An
    /// idempotency key already used returns the invoice it created, never a second one.
    /// </summary>
    public async Task<SupplierInvoiceUploadResult> UploadAsync(IReadOnlyList<SupplierInvoiceUpload> invoices, string? source = null, string? requestIdempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < invoices.Count; i++)
        {
            var invoice = invoices[i];
            if (invoice.Content is not null)
            {
                var file = new ByteArrayContent(invoice.Content);
                file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
                form.Add(file, $"supplier_invoices[{i}][file]", invoice.FileName ?? "invoice");
            }

            if (invoice.AttachmentId is not null)
            {
                form.Add(new StringContent(invoice.AttachmentId), $"supplier_invoices[{i}][attachment_id]");
            }

            form.Add(new StringContent(invoice.IdempotencyKey), $"supplier_invoices[{i}][idempotency_key]");
        }

        if (source is not null)
        {
            form.Add(new StringContent(source), "source");
        }

        var result = await _api.SendAsync(HttpMethod.Post, "supplier_invoices/bulk", SupplierInvoicesJsonContext.Default.BulkResult, form, requestIdempotencyKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SupplierInvoiceUploadResult(result.SupplierInvoices, [.. (result.Errors ?? []).Select(e => new SupplierInvoiceUploadError(e.Code, e.Detail, e.Source?.Pointer))]);
    }

    /// <summary>One invoice by id.</summary>
    public async Task<SupplierInvoice> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, $"supplier_invoices/{Uri.EscapeDataString(id)}", SupplierInvoicesJsonContext.Default.Envelope, cancellationToken: cancellationToken).ConfigureAwait(false)).SupplierInvoice;

    /// <summary>Every invoice matching <paramref name="filter"/>, page by page.</summary>
    public IAsyncEnumerable<SupplierInvoice> ListAsync(SupplierInvoiceFilter? filter = null, CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var query = Paging.Query([.. Parameters(filter ?? new SupplierInvoiceFilter()), ("per_page", "100"), ("page", page.ToString(CultureInfo.InvariantCulture))]);
            var result = await _api.SendAsync(HttpMethod.Get, $"supplier_invoices?{query}", SupplierInvoicesJsonContext.Default.Page, cancellationToken: ct).ConfigureAwait(false);
            return (result.SupplierInvoices, result.Meta);
        }, cancellationToken);

    /// <summary>Every invoice updated in [from, to], oldest change first (the sync guide's loop).</summary>
    public IAsyncEnumerable<SupplierInvoice> ListUpdatedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ListAsync(new SupplierInvoiceFilter { UpdatedFrom = from, UpdatedTo = to, SortBy = "updated_at:asc" }, cancellationToken);

    /// <summary>Marks an invoice paid on <paramref name="paymentDate"/> (today when null).</summary>
    public Task<SupplierInvoice> MarkAsPaidAsync(string id, DateOnly? paymentDate = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, "mark_as_paid", paymentDate is { } date ? new ActionFields(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null) : null, cancellationToken);

    /// <summary>Sets a paid invoice back to the status it was paid from.</summary>
    public Task<SupplierInvoice> UnmarkAsPaidAsync(string id, CancellationToken cancellationToken = default) =>
        ActAsync(id, "unmark_as_paid", null, cancellationToken);

    /// <summary>Rejects an invoice still to review, to approve or awaiting payment.</summary>
    public Task<SupplierInvoice> RejectAsync(string id, string? declinedNote = null, string? declinedReasonCode = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, "reject", new ActionFields(null, declinedNote, declinedReasonCode), cancellationToken);

    private async Task<SupplierInvoice> ActAsync(string id, string action, ActionFields? fields, CancellationToken cancellationToken)
    {
        var content = fields is null ? null : JsonContent.Create(new ActionBody(fields), SupplierInvoicesJsonContext.Default.ActionBody);
        return (await _api.SendAsync(HttpMethod.Post, $"supplier_invoices/{Uri.EscapeDataString(id)}/{action}", SupplierInvoicesJsonContext.Default.Envelope, content, cancellationToken: cancellationToken).ConfigureAwait(false)).SupplierInvoice;
    }

    private static IEnumerable<(string, string?)> Parameters(SupplierInvoiceFilter f)
    {
        static string? Bool(bool? value) => value is { } b ? (b ? "true" : "false") : null;
        return
        [
            ("filter[status]", f.Statuses is { Count: > 0 } statuses ? string.Join(',', statuses) : null),
            ("filter[due_date]", f.DueDate),
            ("filter[created_at_from]", f.CreatedFrom is { } cf ? Paging.Iso(cf) : null),
            ("filter[created_at_to]", f.CreatedTo is { } ct ? Paging.Iso(ct) : null),
            ("filter[updated_at_from]", f.UpdatedFrom is { } uf ? Paging.Iso(uf) : null),
            ("filter[updated_at_to]", f.UpdatedTo is { } ut ? Paging.Iso(ut) : null),
            ("filter[attachment_id]", f.AttachmentId),
            ("filter[issue_date_from]", f.IssueDateFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("filter[payable_amount]", f.PayableAmount),
            ("filter[missing_data]", Bool(f.MissingData)),
            ("filter[exclude_credit_notes]", Bool(f.ExcludeCreditNotes)),
            ("query", f.Query),
            ("query_fields", f.QueryFields is { Count: > 0 } fields ? string.Join(',', fields) : null),
            ("sort_by", f.SortBy),
        ];
    }

    internal sealed record Envelope(SupplierInvoice SupplierInvoice);

    internal sealed record PageEnvelope(IReadOnlyList<SupplierInvoice> SupplierInvoices, Meta Meta);

    internal sealed record BulkEnvelope(IReadOnlyList<SupplierInvoice> SupplierInvoices, IReadOnlyList<BulkError>? Errors);

    internal sealed record BulkError(string Code, string Detail, BulkErrorSource? Source);

    internal sealed record BulkErrorSource(string? Pointer);

    internal sealed record ActionFields(string? PaymentDate, string? DeclinedNote, string? DeclinedReasonCode);

    internal sealed record ActionBody(ActionFields SupplierInvoice);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SupplierInvoicesService.Envelope), TypeInfoPropertyName = "Envelope")]
[JsonSerializable(typeof(SupplierInvoicesService.PageEnvelope), TypeInfoPropertyName = "Page")]
[JsonSerializable(typeof(SupplierInvoicesService.BulkEnvelope), TypeInfoPropertyName = "BulkResult")]
[JsonSerializable(typeof(SupplierInvoicesService.ActionBody), TypeInfoPropertyName = "ActionBody")]
internal sealed partial class SupplierInvoicesJsonContext : JsonSerializerContext;
