using System.Text;
using System.Text.Json;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Clients;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Organizations;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Renders the client_invoice JSON once per write and stores it, so reads (a list of 100 invoices above all) stream
/// stored text instead of parsing three JSON documents per invoice. Only the server's base URL, which depends on the
/// request, is substituted at read time.
/// </summary>
public static class ClientInvoiceRendering
{
    private const string BasePlaceholder = "comptoir-base-url:";

    public static string Render(ClientInvoiceRow invoice) =>
        Render(json => ClientInvoiceJsonWriter.WriteFields(json, invoice, BasePlaceholder));

    /// <summary>Renders from the content and snapshots a write has just built, without reading them back from JSON.</summary>
    public static string Render(ClientInvoiceRow invoice, ClientInvoiceContent content, OrganizationRow organization, ClientRow client) =>
        Render(json => ClientInvoiceJsonWriter.WriteFields(json, invoice, content, organization, client, BasePlaceholder));

    private static string Render(Action<Utf8JsonWriter> writeFields)
    {
        using var buffer = new MemoryStream(8 * 1024);
        using (var json = new Utf8JsonWriter(buffer, JsonConventions.WriterOptions))
        {
            json.WriteStartObject();
            writeFields(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The stored rendering with its links in the form webhook deliveries complete (<see cref="Webhooks.WebhookEvents.BaseUrlPlaceholder"/>).</summary>
    public static string ForEvent(ClientInvoiceRow invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.Rendered.Replace("\"" + BasePlaceholder, "\"" + Webhooks.WebhookEvents.BaseUrlPlaceholder, StringComparison.Ordinal);
    }

    /// <summary>Writes the stored rendering as the value of the current property or array element.</summary>
    public static void WriteStored(Utf8JsonWriter json, ClientInvoiceRow invoice, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(invoice);
        json.WriteRawValue(invoice.Rendered.Replace("\"" + BasePlaceholder, "\"" + baseUrl, StringComparison.Ordinal), skipInputValidation: true);
    }
}
