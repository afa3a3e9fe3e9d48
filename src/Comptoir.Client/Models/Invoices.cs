namespace Comptoir.Client.Models;

public sealed record ClientInvoice(
    string Id, string OrganizationId, string? AttachmentId, string? Number, string Status, string? InvoiceUrl, string Currency,
    Money TotalAmount, long TotalAmountCents, Money VatAmount, long VatAmountCents, string IssueDate, string DueDate,
    string CreatedAt, string UpdatedAt, string? FinalizedAt, string? PaidAt, IReadOnlyList<ClientInvoiceItem> Items, Client? Client);

public sealed record ClientInvoiceItem(
    string Title, string? Description, string Quantity, string? Unit, Money UnitPrice, string VatRate, string? VatExemptionReason,
    Money Subtotal, long SubtotalCents, Money TotalVat, long TotalVatCents, Money TotalAmount, long TotalAmountCents);

/// <summary>POST /v2/client_invoices body, as the public API's "Create a client invoice" documents it.</summary>
public sealed record NewClientInvoice
{
    public required string ClientId { get; init; }
    public required string IssueDate { get; init; }
    public required string DueDate { get; init; }
    public string Status { get; init; } = "draft";
    public string Currency { get; init; } = "EUR";
    public required PaymentMethodRequest PaymentMethods { get; init; }
    public required IReadOnlyList<NewInvoiceItem> Items { get; init; }
    public string? Number { get; init; }
    public string? PurchaseOrder { get; init; }
    public string? Header { get; init; }
    public string? Footer { get; init; }
    public string? PerformanceStartDate { get; init; }
    public string? PerformanceEndDate { get; init; }
}

public sealed record PaymentMethodRequest(string Iban);

public sealed record NewInvoiceItem
{
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required string Quantity { get; init; }
    public string? Unit { get; init; }
    public required Money UnitPrice { get; init; }
    public required string VatRate { get; init; }
    public string? VatExemptionReason { get; init; }
    public Discount? Discount { get; init; }
}

public sealed record Discount(string Type, string Value);

public sealed record Attachment(string Id, string CreatedAt, string UpdatedAt, string FileName, string FileSize, string FileContentType, string Url);
