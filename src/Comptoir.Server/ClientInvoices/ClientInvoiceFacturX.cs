using System.Text.Json;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// A stored invoice as the Factur-X engine sees it: its stored rendering (the JSON the API returns) read by
/// <see cref="ClientInvoiceJson"/>. The document job renders from this and finalization checks this, so what is
/// refused is exactly what would have been written.
/// </summary>
[PublicSurface]
public static class ClientInvoiceFacturX
{
    /// <exception cref="JsonBodyException">The stored invoice lacks what a Factur-X file needs (the pointer is into its JSON).</exception>
    public static ClientInvoiceInput Map(ClientInvoiceRow invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return ClientInvoiceJson.ParseApiResponse(ApiJson(invoice));
    }

    /// <summary>The invoice as the API shows it, which is what the Factur-X mapping reads.</summary>
    private static byte[] ApiJson(ClientInvoiceRow invoice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonConventions.WriterOptions))
        {
            json.WriteStartObject();
            json.WritePropertyName("client_invoice");
            ClientInvoiceRendering.WriteStored(json, invoice, "http://localhost");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
