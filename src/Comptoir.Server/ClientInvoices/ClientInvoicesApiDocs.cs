using System.ComponentModel;
using Comptoir.Server.Clients;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.ClientInvoices;

// The client_invoice JSON (ClientInvoiceJsonWriter) and bodies (ClientInvoiceRequest), described for the OpenAPI document only.

[Description("A client invoice. Amounts are money objects with a _cents twin; dates are YYYY-MM-DD. attachment_id is the PDF, set a few seconds after each write: a draft preview, then null from finalization until the Factur-X file is ready; invoice_url opens it without credentials.")]
public sealed record ClientInvoiceDoc(
    string Id,
    string OrganizationId,
    string? AttachmentId,
    string? Number,
    string? PurchaseOrder,
    string Status,
    string InvoiceUrl,
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
    DateOnly DueDate,
    DateOnly? PerformanceDate,
    DateOnly? PerformanceStartDate,
    DateOnly? PerformanceEndDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinalizedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? CanceledAt,
    MoneyDoc? StampDutyAmount,
    IReadOnlyList<ClientInvoiceItemDoc> Items,
    ClientDoc Client,
    IReadOnlyList<ClientInvoicePaymentMethodDoc> PaymentMethods,
    IReadOnlyList<string> CreditNotesIds,
    ClientInvoiceOrganizationDoc Organization,
    string EinvoicingStatus,
    object? WelfareFund,
    object? WithholdingTax,
    object? PaymentReporting,
    string InvoiceType,
    IReadOnlyList<object> EinvoicingLifecycleEvents);

[Description("A line: quantity, unit price and VAT rate (a fraction, \"0.20\" for 20 %) as decimal strings.")]
[PublicSurface]
public sealed record ClientInvoiceItemDoc(
    string Title,
    string? Description,
    string Quantity,
    string? Unit,
    MoneyDoc UnitPrice,
    long UnitPriceCents,
    string VatRate,
    string? VatExemptionReason,
    ClientInvoiceDiscountDoc? Discount,
    MoneyDoc TotalVat,
    long TotalVatCents,
    MoneyDoc TotalAmount,
    long TotalAmountCents,
    MoneyDoc Subtotal,
    long SubtotalCents);

[Description("type: percentage or absolute; amount is the discount in money.")]
[PublicSurface]
public sealed record ClientInvoiceDiscountDoc(string Type, string Value, MoneyDoc Amount);

[Description("type: transfer, to the organization's account.")]
public sealed record ClientInvoicePaymentMethodDoc(string? BeneficiaryName, string? Bic, string Iban, string Type);

[Description("The seller as printed on the invoice (the organization's details, or the invoice's settings).")]
[PublicSurface]
public sealed record ClientInvoiceOrganizationDoc(
    string Id,
    string LegalName,
    string? LegalNumber,
    string LegalCountry,
    string? AddressLine1,
    string? AddressLine2,
    string? AddressZipcode,
    string? AddressCity,
    string? AddressCountry,
    string? CompanyLeadership,
    string? DistrictCourt,
    string? CommercialRegisterNumber,
    string? VatNumber,
    string? TaxNumber,
    MoneyDoc? LegalCapitalShare,
    string? TransactionType,
    string? VatPaymentCondition,
    string? ContactEmail);

public sealed record ClientInvoiceResponseDoc(ClientInvoiceDoc ClientInvoice);

public sealed record ClientInvoiceListDoc(IReadOnlyList<ClientInvoiceDoc> ClientInvoices, PageMetaDoc Meta);

[Description("An invoice to create (client_id, issue_date, due_date, payment_methods.iban and items required; status draft or unpaid, the default), or the fields of a draft to change (items, when given, replace the list). The same fields may be wrapped in {\"client_invoice\": {...}}.")]
public sealed record ClientInvoiceRequestDoc(
    string? ClientId = null,
    string? Status = null,
    DateOnly? IssueDate = null,
    DateOnly? DueDate = null,
    string? Currency = null,
    string? Number = null,
    string? PurchaseOrder = null,
    string? TermsAndConditions = null,
    string? Header = null,
    string? Footer = null,
    string? ContactEmail = null,
    DateOnly? PerformanceDate = null,
    DateOnly? PerformanceStartDate = null,
    DateOnly? PerformanceEndDate = null,
    ClientInvoiceSettingsDoc? Settings = null,
    ClientInvoicePaymentRequestDoc? PaymentMethods = null,
    IReadOnlyList<ClientInvoiceItemRequestDoc>? Items = null);

[Description("The IBAN of one of the organization's active accounts.")]
public sealed record ClientInvoicePaymentRequestDoc(string Iban);

[Description("A line to invoice: quantity (above 0, at most 4 decimals), unit_price (a decimal string or a money object in EUR) and vat_rate (a fraction) as decimal strings; vat_exemption_reason only with a zero rate. Finalizing (or creating as unpaid) runs the invoice's Factur-X XML through every fatal rule of EN 16931, of the Factur-X EN 16931 profile and, for a French seller, of the French BR-FR rules, and refuses a breach with a 422 naming the rule and the field, e.g. S259B lines (category O) with a seller or client VAT number (BR-O-02, /items/n/vat_exemption_reason) or beside other categories (BR-O-11); drafts are not refused. title and description in right-to-left scripts or CJK are refused (422 unsupported_script): the PDF cannot print them.")]
public sealed record ClientInvoiceItemRequestDoc(
    string Title,
    string Quantity,
    string UnitPrice,
    string VatRate,
    string? Description = null,
    string? Unit = null,
    string? VatExemptionReason = null,
    ClientInvoiceDiscountRequestDoc? Discount = null);

[Description("type: percentage or absolute.")]
public sealed record ClientInvoiceDiscountRequestDoc(string Type, string Value);

[Description("The seller's legal mentions for this invoice, when they differ from the organization's.")]
public sealed record ClientInvoiceSettingsDoc(
    string? VatNumber = null,
    string? CompanyLeadership = null,
    string? DistrictCourt = null,
    string? CommercialRegisterNumber = null,
    string? TaxNumber = null,
    string? DiscountConditions = null,
    string? LatePaymentPenalties = null,
    string? LegalFixedCompensation = null,
    string? TransactionType = null,
    string? VatPaymentCondition = null,
    string? LegalCapitalShare = null);

[Description("paid_at: the day it was paid (default: now).")]
public sealed record MarkAsPaidRequestDoc(DateOnly? PaidAt = null);
