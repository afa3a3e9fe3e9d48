namespace Comptoir.Client.Models;

/// <summary>
/// A credit note: an invoice's fields plus the invoice it corrects, its reason and settlement ("deduct" from what an
/// unpaid invoice's client owes, or "refund" of a paid one). Money amounts are negative; quantities and unit prices positive.
/// </summary>
public sealed record CreditNote(
    string Id, string OrganizationId, string InvoiceId, string? AttachmentId, string Number, string Reason, string Settlement,
    string Status, string Currency, Money TotalAmount, long TotalAmountCents, Money VatAmount, long VatAmountCents,
    string IssueDate, string CreatedAt, string UpdatedAt, IReadOnlyList<ClientInvoiceItem> Items, Client? Client);

/// <summary>POST /v2/credit_notes (Comptoir's own): no items credits everything that remains of the invoice.</summary>
public sealed record NewCreditNote
{
    public required string InvoiceId { get; init; }
    public required string Reason { get; init; }
    public IReadOnlyList<CreditNoteLine>? Items { get; init; }
}

/// <summary>A line to credit: the invoice item (its position, from 0) by quantity, or by an amount excluding VAT ("50.00").</summary>
public sealed record CreditNoteLine(int ItemIndex, string? Quantity = null, string? Amount = null);
