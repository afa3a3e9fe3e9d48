using System.ComponentModel;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Clients;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.CreditNotes;

// The credit_note JSON (CreditNoteRendering) and the body of POST /v2/credit_notes (CreditNoteRequest), for the OpenAPI document only.

[Description("A credit note: the fields of a client invoice, plus invoice_id (the invoice it corrects), reason and settlement (deduct: from what an unpaid invoice's client owes; refund: the invoice was paid). Money amounts are negative, quantities and unit prices positive. status is always finalized: a credit note is numbered (its own series, AV-YYYY-NNNNNN) when issued. attachment_id is its Factur-X PDF (type 381), set a few seconds after it is issued.")]
public sealed record CreditNoteDoc(
    string Id,
    string OrganizationId,
    string InvoiceId,
    string? AttachmentId,
    string Number,
    string Reason,
    string Settlement,
    string? PurchaseOrder,
    string Status,
    string? ContactEmail,
    string? TermsAndConditions,
    string? DiscountConditions,
    string? LatePaymentPenalties,
    string? LegalFixedCompensation,
    string? Header,
    string? Footer,
    string Currency,
    MoneyDoc TotalAmount,
    long TotalAmountCents,
    MoneyDoc VatAmount,
    long VatAmountCents,
    DateOnly IssueDate,
    DateOnly? PerformanceDate,
    DateOnly? PerformanceStartDate,
    DateOnly? PerformanceEndDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset FinalizedAt,
    MoneyDoc? StampDutyAmount,
    IReadOnlyList<ClientInvoiceItemDoc> Items,
    ClientDoc Client,
    IReadOnlyList<object> PaymentMethods,
    ClientInvoiceOrganizationDoc Organization,
    string EinvoicingStatus,
    object? WelfareFund,
    object? WithholdingTax,
    object? PaymentReporting,
    string InvoiceType,
    IReadOnlyList<object> EinvoicingLifecycleEvents);

public sealed record CreditNoteResponseDoc(CreditNoteDoc CreditNote);

public sealed record CreditNoteListDoc(IReadOnlyList<CreditNoteDoc> CreditNotes, PageMetaDoc Meta);

[Description("A credit note to issue for a finalized (unpaid or paid) invoice: a reason, and the lines to credit; no items credits everything that remains. Never more than remains to be credited, per item and in total (422 naming the line). An unpaid invoice credited in full is canceled. A credit note whose Factur-X XML would break a fatal rule (EN 16931, the Factur-X EN 16931 profile, BR-FR for a French seller) is refused (422 naming the rule, and the line or invoice_id). The same fields may be wrapped in {\"credit_note\": {...}}.")]
public sealed record CreditNoteRequestDoc(
    string InvoiceId,
    string Reason,
    IReadOnlyList<CreditNoteLineRequestDoc>? Items = null);

[Description("item_index: the invoice item's position, from 0. Either quantity (units of the item, at its unit price and discount) or amount (excluding VAT, a decimal string).")]
public sealed record CreditNoteLineRequestDoc(int ItemIndex, string? Quantity = null, string? Amount = null);
