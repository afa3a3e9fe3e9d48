using System.Data.Common;
using System.Text.Json;
using Comptoir.Server.Webhooks;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// The v1/supplier-invoices webhook events (Comptoir's own type): created at upload, updated when analysed and at every
/// change after, each recorded in the transaction of the change with the invoice as GET /v2/supplier_invoices/{id}
/// renders it.
/// </summary>
internal static class SupplierInvoiceEvents
{
    public static Task RecordAsync(DbConnection c, DbTransaction t, SupplierInvoiceRow invoice, string eventName) =>
        WebhookEvents.RecordAsync(c, t, invoice.OrganizationId, WebhookTypes.SupplierInvoices, eventName, Render(invoice), invoice.UpdatedAt);

    public static string Render(SupplierInvoiceRow invoice) =>
        JsonSerializer.Serialize(SupplierInvoiceResponse.From(invoice), SupplierInvoicesJsonContext.Default.SupplierInvoiceResponse);
}
