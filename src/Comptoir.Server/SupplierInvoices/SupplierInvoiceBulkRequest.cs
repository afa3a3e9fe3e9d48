using System.Text.Json;
using Comptoir.Server.Http.Errors;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>One invoice of a bulk upload that passed the rules: a new file, or an existing attachment, under its key.</summary>
public sealed record NewSupplierInvoice(string Pointer, string IdempotencyKey, string? FileName, string? ContentType, byte[]? Content, string? AttachmentId);

/// <summary>The request's own fields, which apply to every invoice of it.</summary>
/// <param name="SkipAttachmentMatcher">Do not look for the files among the organization's transaction receipts.</param>
public sealed record BulkSettings(string Source, string Meta, bool SkipAttachmentMatcher = false);

/// <summary>
/// The rules of POST /v2/supplier_invoices/bulk: at most <see cref="MaxInvoices"/> invoices, each with an idempotency
/// key and either a file (PDF, PNG, JPEG or an XML e-invoice, at most 10 MB) or an attachment id; at most 15 MB of
/// files per request. A broken invoice is an error of its own (code and pointer) and the others go on; only the
/// request-level fields make the whole request a 400.
/// </summary>
public static class SupplierInvoiceBulkRequest
{
    public const int MaxInvoices = 20;
    public const long MaxFileSize = 10 * 1024 * 1024;
    public const long MaxRequestFileBytes = 15 * 1024 * 1024;
    public const int MaxKeyLength = 255;

    public static readonly IReadOnlyList<string> Sources = ["pay_by_invoice", "supplier_invoices", "integration", "transaction_attachment", "generic_upload"];

    public static BulkSettings Settings(BulkForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var source = string.IsNullOrEmpty(form.Source) ? "supplier_invoices" : form.Source;
        if (!Sources.Contains(source, StringComparer.Ordinal))
        {
            throw ApiException.BadRequest("not_in_list", $"source must be one of: {string.Join(", ", Sources)}.", pointer: "/source");
        }

        if (form.SkipAttachmentMatcher is { Length: > 0 } skip && skip is not ("true" or "false" or "1" or "0"))
        {
            throw ApiException.BadRequest("invalid", "skip_attachment_matcher must be true or false.", pointer: "/skip_attachment_matcher");
        }

        return new BulkSettings(source, Meta(form.Meta), form.SkipAttachmentMatcher is "true" or "1");
    }

    /// <summary>
    /// Splits the invoices into the accepted ones and the errors; <paramref name="attachmentExists"/> says whether an
    /// attachment id names one of the organization's attachments.
    /// </summary>
    public static async Task<(IReadOnlyList<NewSupplierInvoice> Accepted, IReadOnlyList<ApiError> Errors)> ApplyAsync(BulkForm form, Func<string, Task<bool>> attachmentExists)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(attachmentExists);
        var accepted = new List<NewSupplierInvoice>();
        var errors = new List<ApiError>();
        long requestBytes = 0;
        for (var position = 0; position < form.Items.Count; position++)
        {
            var item = form.Items[position];
            var error = position >= MaxInvoices
                ? new ApiError("limit_reached", $"At most {MaxInvoices} supplier invoices per request; send this one in another request.", item.Pointer)
                : Check(item);
            if (error is null && item.HasFile)
            {
                requestBytes += item.FileSize;
                if (requestBytes > MaxRequestFileBytes)
                {
                    requestBytes -= item.FileSize;
                    error = new ApiError("invalid", "The files of one request may total at most 15 MB; send this one in another request.", item.Pointer + "/file");
                }
            }

            if (error is null && item.AttachmentId is { } attachmentId && !await attachmentExists(attachmentId).ConfigureAwait(false))
            {
                error = new ApiError("invalid", $"No attachment {attachmentId} in this organization.", item.Pointer + "/attachment_id");
            }

            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            accepted.Add(item.HasFile
                ? new NewSupplierInvoice(item.Pointer, item.IdempotencyKey!, Attachments.FileNames.Sanitize(item.FileName, "supplier-invoice"), SupplierInvoiceFileKind.MediaType(item.Content), item.Content, null)
                : new NewSupplierInvoice(item.Pointer, item.IdempotencyKey!, null, null, null, item.AttachmentId));
        }

        return (accepted, errors);
    }

    private static ApiError? Check(BulkFormItem item)
    {
        if (item.Repeated is { } repeated)
        {
            return new ApiError("invalid", $"{repeated} is sent twice for this invoice.", $"{item.Pointer}/{repeated}");
        }

        if (string.IsNullOrWhiteSpace(item.IdempotencyKey))
        {
            return new ApiError("required", "Each invoice needs an idempotency_key (a UUID is recommended).", item.Pointer + "/idempotency_key");
        }

        if (item.IdempotencyKey.Length > MaxKeyLength)
        {
            return new ApiError("invalid", $"idempotency_key is longer than {MaxKeyLength} characters.", item.Pointer + "/idempotency_key");
        }

        if (item.HasFile && item.AttachmentId is not null)
        {
            return new ApiError("invalid", "Send either a file or an attachment_id for an invoice, not both.", item.Pointer + "/attachment_id");
        }

        if (!item.HasFile)
        {
            return string.IsNullOrWhiteSpace(item.AttachmentId)
                ? new ApiError("required", "Each invoice needs a file or an attachment_id.", item.Pointer + "/file")
                : null;
        }

        if (item.Content is null)
        {
            return new ApiError("invalid", "The file is larger than 10 MB.", item.Pointer + "/file");
        }

        if (item.Content.Length == 0)
        {
            return new ApiError("invalid", "The file is empty.", item.Pointer + "/file");
        }

        return SupplierInvoiceFileKind.MediaType(item.Content) is null
            ? new ApiError("invalid", "The file is not a PDF, a PNG or JPEG image, or an XML e-invoice (CII, UBL Invoice or CreditNote).", item.Pointer + "/file")
            : null;
    }

    /// <summary>meta: a JSON object sent as a string, stored as compact text; {} when absent.</summary>
    private static string Meta(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "{}";
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest("invalid", "meta must be a JSON object, sent as a string.", pointer: "/meta");
            }

            return document.RootElement.GetRawText();
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest("invalid", "meta must be a JSON object, sent as a string.", pointer: "/meta");
        }
    }
}
