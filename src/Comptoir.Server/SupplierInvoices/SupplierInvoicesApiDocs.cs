using System.ComponentModel;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.SupplierInvoices;

// The supplier invoice JSON (SupplierInvoiceResponse) and the request bodies, described for the OpenAPI document only.

[Description("A supplier invoice: a file received from a supplier and, once analysed (analyzed_at set), its data. E-invoices (Factur-X / ZUGFeRD PDFs, CII and UBL XML) are read exactly; other files keep null data fields. discrepancies lists the fatal EN 16931 rules the e-invoice breaks (has_discrepancies): every rule for the profiles that claim EN 16931 (BASIC, EN 16931, XRechnung, and every UBL invoice), the totals' arithmetic for MINIMUM, BASIC WL and EXTENDED.")]
public sealed record SupplierInvoiceDoc(
    string Id,
    string OrganizationId,
    string FileName,
    [property: Description("to_review, to_approve, awaiting_payment, scheduled, pending, paid, rejected, archived or discarded.")] string Status,
    [property: Description("file (uploaded with the request) or attachment (an existing attachment).")] string SourceType,
    [property: Description("The request's source: pay_by_invoice, supplier_invoices, integration, transaction_attachment or generic_upload.")] string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string AttachmentId,
    string DisplayAttachmentId,
    string? InvoiceNumber,
    string? SupplierName,
    string? VatNumber,
    [property: Description("The supplier's legal registration number (a SIREN in France).")] string? Tin,
    string? Description,
    SupplierInvoiceMoneyDoc? TotalAmount,
    SupplierInvoiceMoneyDoc? TotalAmountExcludingTaxes,
    SupplierInvoiceMoneyDoc? TotalTaxAmount,
    IReadOnlyList<SupplierInvoiceTaxDoc> Taxes,
    SupplierInvoiceMoneyDoc? PayableAmount,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    DateOnly? PaymentDate,
    DateOnly? ScheduledDate,
    string? Iban,
    bool IsEinvoice,
    [property: Description("factur_x, cii or ubl; null when the file is not an e-invoice.")] string? EInvoiceType,
    bool IsCreditNote,
    [property: Description("Another invoice of this organization has the same supplier (VAT number, registration number or name) and number.")] bool HasDuplicates,
    bool HasDiscrepancies,
    IReadOnlyList<SupplierInvoiceDiscrepancyDoc> Discrepancies,
    DateTimeOffset? AnalyzedAt,
    [property: Description("Transactions whose receipt is the same file (same SHA-256), found at upload unless skip_attachment_matcher was true.")] IReadOnlyList<string> MatchedTransactions,
    [property: Description("Transfers whose attachment_ids carry this invoice's attachment: creating one moves the invoice to scheduled (a later scheduled_date) or pending, its settlement to paid, its decline or cancellation back to awaiting_payment.")] IReadOnlyList<string> TransferIds,
    object? RequestTransfer,
    string? DeclinedNote,
    string? DeclinedReasonCode,
    IReadOnlyList<object> EinvoicingLifecycleEvents,
    [property: Description("The meta object sent with the upload.")] Dictionary<string, object> Meta,
    SupplierInvoiceActionsDoc AvailableActions,
    string? InitiatorId);

public sealed record SupplierInvoiceMoneyDoc([property: Description("Decimal text, two decimals.")] string Value, string Currency);

public sealed record SupplierInvoiceTaxDoc(SupplierInvoiceMoneyDoc TaxAmount, [property: Description("A fraction as decimal text: 0.2 for 20 %.")] string TaxRate);

public sealed record SupplierInvoiceDiscrepancyDoc(
    [property: Description("The EN 16931 rule, e.g. BR-CO-15, BR-06 or CII-SR-009.")] string Rule,
    [property: Description("The rule's official text.")] string Message,
    [property: Description("Where the rule broke, as an XPath into the e-invoice's XML (for a Factur-X PDF, its embedded XML); null for the arithmetic checks of the MINIMUM and BASIC WL profiles.")] string? Location,
    [property: Description("The business term the rule is about (BT-112, BG-23), when it names one.")] string? Field);

[Description("What the status allows now. mark_as_paid, unmark_as_paid and reject are this API's actions; submit (to_review -> to_approve), approve (to_approve -> awaiting_payment), archive (paid or rejected -> archived), discard (to_review -> discarded) and edit (the extracted data, while open) are the web app's, run with `comptoir admin supplier-invoices`; pay: a transfer may be made for it (awaiting_payment).")]
public sealed record SupplierInvoiceActionsDoc(bool MarkAsPaid, bool UnmarkAsPaid, bool Reject, bool Submit, bool Approve, bool Archive, bool Discard, bool Edit, bool Pay);

public sealed record SupplierInvoiceResponseDoc(SupplierInvoiceDoc SupplierInvoice);

public sealed record SupplierInvoiceListDoc(IReadOnlyList<SupplierInvoiceDoc> SupplierInvoices, PageMetaDoc Meta);

public sealed record SupplierInvoiceBulkErrorSourceDoc(string Pointer);

[Description("code: invalid (type or size), required (missing key or file), limit_reached (beyond 20 invoices), internal_server_error (this invoice could not be stored; the others were; send it again with the same key); source.pointer names the invoice, e.g. /supplier_invoices/3/file.")]
public sealed record SupplierInvoiceBulkErrorDoc(string Code, string Detail, SupplierInvoiceBulkErrorSourceDoc Source);

[Description("The invoices created, or found under an idempotency key already used, and one error per invoice refused.")]
public sealed record SupplierInvoiceBulkResponseDoc(IReadOnlyList<SupplierInvoiceDoc> SupplierInvoices, IReadOnlyList<SupplierInvoiceBulkErrorDoc> Errors);

[Description("multipart/form-data. Per invoice: supplier_invoices[][file] (PDF, PNG, JPEG or an XML e-invoice, at most 10 MB) or supplier_invoices[][attachment_id], never both, and supplier_invoices[][idempotency_key] (required; the same key always returns the invoice it created). The indexed spelling supplier_invoices[0][file] is accepted; with [] send each invoice's parts together. At most 20 invoices and 15 MB of files per request.")]
public sealed record SupplierInvoiceBulkDoc(
    [property: Description("pay_by_invoice, supplier_invoices (default), integration, transaction_attachment or generic_upload.")] string? Source = null,
    [property: Description("A JSON object, sent as a string; stored and returned.")] string? Meta = null,
    [property: Description("true: do not look for the uploaded file among the organization's transaction receipts (matched_transactions stays empty). Default false.")] bool? SkipAttachmentMatcher = null);

[Description("{\"supplier_invoice\": {\"payment_date\": \"YYYY-MM-DD\"}} (today when absent); the unwrapped form is accepted too.")]
public sealed record SupplierInvoiceMarkPaidDoc(SupplierInvoiceMarkPaidFieldsDoc? SupplierInvoice = null);

public sealed record SupplierInvoiceMarkPaidFieldsDoc(DateOnly? PaymentDate = null);

[Description("{\"supplier_invoice\": {\"declined_note\": \"...\", \"declined_reason_code\": \"...\"}}; the unwrapped form is accepted too.")]
public sealed record SupplierInvoiceRejectDoc(SupplierInvoiceRejectFieldsDoc? SupplierInvoice = null);

public sealed record SupplierInvoiceRejectFieldsDoc(string? DeclinedNote = null, string? DeclinedReasonCode = null);
