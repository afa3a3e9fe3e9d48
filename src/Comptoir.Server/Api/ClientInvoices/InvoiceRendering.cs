using System.Text;
using System.Text.Json;
using Comptoir.Server.Api.Json;
using Comptoir.Server.Domain.Invoices;

namespace Comptoir.Server.Api.ClientInvoices;

/// <summary>
/// Renders the client_invoice JSON once per write and stores it, so reads (a list of 100 invoices above all) stream
/// stored text instead of parsing three JSON documents per invoice. Only the server's base URL, which depends on the
/// request, is substituted at read time.
/// </summary>
public static class InvoiceRendering
{
    private const string BasePlaceholder = "comptoir-base-url:";

    public static string Render(InvoiceRow invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        using var buffer = new MemoryStream(8 * 1024);
        using (var json = new Utf8JsonWriter(buffer, JsonConventions.WriterOptions))
        {
            json.WriteStartObject();
            ClientInvoiceJsonWriter.WriteFields(json, invoice, BasePlaceholder);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the stored rendering as the value of the current property or array element.</summary>
    public static void WriteStored(Utf8JsonWriter json, InvoiceRow invoice, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(invoice);
        json.WriteRawValue(invoice.Rendered.Replace("\"" + BasePlaceholder, "\"" + baseUrl, StringComparison.Ordinal), skipInputValidation: true);
    }
}
