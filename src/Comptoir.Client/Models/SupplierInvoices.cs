using System.Text.Json;

namespace Comptoir.Client.Models;

/// <summary>
/// A supplier invoice: the file a supplier sent and, once analysed (<see cref="AnalyzedAt"/> set), its data; the
/// data fields are null until then, and stay null for a file that is not an e-invoice and was not read.
/// </summary>
public sealed record SupplierInvoice(
    string Id,
    string? OrganizationId,
    string? FileName,
    string Status,
    string? SourceType,
    string? Source,
    string? CreatedAt,
    string? UpdatedAt,
    string? AttachmentId,
    string? DisplayAttachmentId,
    string? InvoiceNumber,
    string? SupplierName,
    string? VatNumber,
    string? Tin,
    string? Description,
    Money? TotalAmount,
    Money? TotalAmountExcludingTaxes,
    Money? TotalTaxAmount,
    IReadOnlyList<SupplierInvoiceTax>? Taxes,
    Money? PayableAmount,
    string? IssueDate,
    string? DueDate,
    string? PaymentDate,
    string? ScheduledDate,
    string? Iban,
    bool IsEinvoice,
    string? EInvoiceType,
    bool IsCreditNote,
    bool HasDuplicates,
    bool HasDiscrepancies,
    IReadOnlyList<SupplierInvoiceDiscrepancy>? Discrepancies,
    string? AnalyzedAt,
    IReadOnlyList<string>? MatchedTransactions,
    IReadOnlyList<string>? TransferIds,
    string? DeclinedNote,
    string? DeclinedReasonCode,
    JsonElement? Meta,
    SupplierInvoiceActions? AvailableActions,
    string? InitiatorId);

/// <summary>
/// What the invoice's status allows now: the API's actions (mark_as_paid, unmark_as_paid, reject), the web app's
/// (submit, approve, archive, discard, edit) and pay (a transfer may be made for it).
/// </summary>
public sealed record SupplierInvoiceActions(bool MarkAsPaid, bool UnmarkAsPaid, bool Reject, bool Submit, bool Approve, bool Archive, bool Discard, bool Edit, bool Pay);

/// <summary>One VAT row: the tax and its rate as a fraction ("0.2").</summary>
public sealed record SupplierInvoiceTax(Money TaxAmount, string TaxRate);

/// <summary>
/// An EN 16931 rule the invoice breaks: its id and text, and for an e-invoice checked by the rules, where in the XML
/// (an XPath-like path) and the business term (BT-112); both null for the arithmetic checks of the smaller profiles.
/// </summary>
public sealed record SupplierInvoiceDiscrepancy(string Rule, string Message, string? Location = null, string? Field = null);

/// <summary>One invoice to upload: a file (name and bytes) or an existing attachment, under its idempotency key.</summary>
public sealed record SupplierInvoiceUpload(string IdempotencyKey, string? FileName = null, byte[]? Content = null, string? AttachmentId = null)
{
    public static SupplierInvoiceUpload File(string fileName, byte[] content, string idempotencyKey) => new(idempotencyKey, fileName, content);

    public static SupplierInvoiceUpload Attachment(string attachmentId, string idempotencyKey) => new(idempotencyKey, AttachmentId: attachmentId);
}

/// <summary>An invoice the server refused, named by its index in the request (<c>/supplier_invoices/3/file</c>).</summary>
public sealed record SupplierInvoiceUploadError(string Code, string Detail, string? Pointer)
{
    /// <summary>The index of the refused invoice in the request, from the pointer.</summary>
    public int? Index => Pointer?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var index, ..] && int.TryParse(index, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
}

/// <summary>What a bulk upload did: the invoices created (or found under a key already used) and the refusals.</summary>
public sealed record SupplierInvoiceUploadResult(IReadOnlyList<SupplierInvoice> Created, IReadOnlyList<SupplierInvoiceUploadError> Errors);

/// <summary>Filters of GET /v2/supplier_invoices; null leaves a filter out.</summary>
public sealed record SupplierInvoiceFilter
{
    public IReadOnlyCollection<string>? Statuses { get; init; }

    /// <summary>past_and_today, future or missing_date.</summary>
    public string? DueDate { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public DateTimeOffset? UpdatedFrom { get; init; }
    public DateTimeOffset? UpdatedTo { get; init; }
    public string? AttachmentId { get; init; }
    public DateOnly? IssueDateFrom { get; init; }

    /// <summary>A comparison with the amount due, as the API takes it: lte:100.00:EUR, gte:..., lt, gt, eq.</summary>
    public string? PayableAmount { get; init; }

    public bool? MissingData { get; init; }
    public bool? ExcludeCreditNotes { get; init; }
    public string? Query { get; init; }

    /// <summary>supplier_name, invoice_number, file_name.</summary>
    public IReadOnlyCollection<string>? QueryFields { get; init; }

    /// <summary>property:asc|desc (created_at, updated_at, file_name, supplier_name, payment_date, due_date, scheduled_date, total_amount).</summary>
    public string? SortBy { get; init; }
}
