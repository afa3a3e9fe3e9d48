using System.Text.Json;

namespace Comptoir.Server.ClientInvoices;

/// <summary>A client invoice as stored (table client_invoices).</summary>
[PublicSurface]
public sealed class ClientInvoiceRow
{
    /// <summary>A shallow copy (every field is a string or a number).</summary>
    public ClientInvoiceRow Copy() => (ClientInvoiceRow)MemberwiseClone();

    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string ClientId { get; set; } = string.Empty;
    public string Status { get; set; } = ClientInvoiceStatus.Draft;
    public string? Number { get; set; }
    public string Body { get; set; } = "{}";

    /// <summary>The client_invoice object as the API prints it, rendered at every write (see ClientInvoiceRendering).</summary>
    public string Rendered { get; set; } = "{}";
    public long TotalAmountCents { get; set; }
    public long VatAmountCents { get; set; }
    public string IssueDate { get; set; } = string.Empty;
    public string DueDate { get; set; } = string.Empty;
    public string? AttachmentId { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
    public string? FinalizedAt { get; set; }
    public string? PaidAt { get; set; }
    public string? CanceledAt { get; set; }

    /// <summary>
    /// A fresh copy of the stored content: changing it changes nothing until <see cref="StoreContent"/> writes it back
    /// (a method, not a property, so that <c>row.ReadContent().Items.Add(x)</c> reads as what it is).
    /// </summary>
    public ClientInvoiceContent ReadContent() =>
        JsonSerializer.Deserialize(Body, ClientInvoiceContentJson.Default.ClientInvoiceContent) ?? new ClientInvoiceContent();

    /// <summary>Serializes <paramref name="content"/> into <see cref="Body"/>.</summary>
    public void StoreContent(ClientInvoiceContent content) =>
        Body = JsonSerializer.Serialize(content, ClientInvoiceContentJson.Stored.ClientInvoiceContent);
}

/// <summary>Invoice statuses and the transitions between them.</summary>
[PublicSurface]
public static class ClientInvoiceStatus
{
    public const string Draft = "draft";
    public const string Unpaid = "unpaid";
    public const string Paid = "paid";
    public const string Canceled = "canceled";

    public static readonly string[] All = [Draft, Unpaid, Paid, Canceled];
}
