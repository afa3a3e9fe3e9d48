using System.Data.Common;
using Comptoir.Server.Webhooks;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// The v1/client-invoices webhook events, recorded in the transaction of each lifecycle change: the stored rendering,
/// the same bytes GET /v2/client_invoices/{id} serves (its links completed with the server's public URL at delivery).
/// </summary>
internal static class ClientInvoiceEvents
{
    /// <param name="now">When it happened, when that is not the invoice's updated_at (its document was attached).</param>
    public static Task RecordAsync(DbConnection c, DbTransaction t, ClientInvoiceRow invoice, string eventName, string? now = null) =>
        WebhookEvents.RecordAsync(c, t, invoice.OrganizationId, WebhookTypes.ClientInvoices, eventName, ClientInvoiceRendering.ForEvent(invoice), now ?? invoice.UpdatedAt);

    /// <summary>The same, as a statement of a write sent in one batch.</summary>
    public static (string Sql, object Parameters) Recording(ClientInvoiceRow invoice, string eventName) =>
        WebhookEvents.Recording(invoice.OrganizationId, WebhookTypes.ClientInvoices, eventName, ClientInvoiceRendering.ForEvent(invoice), invoice.UpdatedAt);
}
