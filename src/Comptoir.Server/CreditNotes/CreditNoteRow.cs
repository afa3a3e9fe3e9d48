using System.Text.Json;
using Comptoir.Server.ClientInvoices;

namespace Comptoir.Server.CreditNotes;

/// <summary>A credit note as stored (table credit_notes). Amounts are positive cents; the API prints them negative.</summary>
[PublicSurface]
public sealed class CreditNoteRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string InvoiceId { get; set; } = string.Empty;
    public string Number { get; set; } = string.Empty;

    /// <summary>What the client gets: <see cref="CreditNoteSettlement"/>.</summary>
    public string Settlement { get; set; } = CreditNoteSettlement.Deduct;
    public string Reason { get; set; } = string.Empty;

    /// <summary>The lines and the frozen parties, as a client invoice's content (JSON).</summary>
    public string Body { get; set; } = "{}";

    /// <summary>Which invoice item each line credits, and by how much (JSON array of <see cref="CreditedLine"/>).</summary>
    public string Credited { get; set; } = "[]";

    /// <summary>The credit_note object as the API prints it, rendered at every write.</summary>
    public string Rendered { get; set; } = "{}";
    public long TotalAmountCents { get; set; }
    public long VatAmountCents { get; set; }
    public string IssueDate { get; set; } = string.Empty;
    public string? AttachmentId { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;

    public ClientInvoiceContent ReadContent() =>
        JsonSerializer.Deserialize(Body, ClientInvoiceContentJson.Default.ClientInvoiceContent) ?? new ClientInvoiceContent();

    public void StoreContent(ClientInvoiceContent content) =>
        Body = JsonSerializer.Serialize(content, ClientInvoiceContentJson.Stored.ClientInvoiceContent);

    public IReadOnlyList<CreditedLine> ReadCredited() =>
        JsonSerializer.Deserialize(Credited, CreditNoteStorageJson.Default.ListCreditedLine) ?? [];
}

/// <summary>
/// What a credit note gives the client: on an invoice still unpaid, an amount to deduct from what it owes; on a paid
/// invoice, an amount the seller refunds.
/// </summary>
[PublicSurface]
public static class CreditNoteSettlement
{
    public const string Deduct = "deduct";
    public const string Refund = "refund";
}
