using System.Text.Json;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Clients;

namespace Comptoir.Server.Clients;

/// <summary>The client object of API reference §4 (also the snapshot embedded in invoices).</summary>
public static class ClientJson
{
    public static void WriteFields(Utf8JsonWriter json, ClientRow client)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(client);
        json.WriteString("id", client.Id);
        json.WriteNullableString("name", client.Kind == "individual" ? client.Name ?? client.DisplayName : client.Name);
        json.WriteNullableString("first_name", client.FirstName);
        json.WriteNullableString("last_name", client.LastName);
        json.WriteString("type", client.Kind);
        json.WriteString("kind", client.Kind);
        json.WriteNullableString("email", client.Email);
        json.WriteStartArray("extra_emails");
        foreach (var email in JsonSerializer.Deserialize(client.ExtraEmails, ServerJsonContext.Default.IReadOnlyListString) ?? [])
        {
            json.WriteStringValue(email);
        }

        json.WriteEndArray();
        json.WriteNullableString("phone", client.Phone);
        json.WriteNullableString("vat_number", client.VatNumber);
        json.WriteNullableString("tax_identification_number", client.TaxIdentificationNumber);
        json.WriteNullableString("address", client.BillingStreetAddress);
        json.WriteNullableString("city", client.BillingCity);
        json.WriteNullableString("zip_code", client.BillingZipCode);
        json.WriteNullableString("province_code", client.BillingProvinceCode);
        json.WriteNullableString("country_code", client.BillingCountryCode);
        json.WriteNullableString("recipient_code", client.RecipientCode);
        json.WriteNullableString("currency", client.Currency);
        json.WriteNullableString("locale", client.Locale);
        json.WriteNullableString("e_invoicing_address", client.EInvoicingAddress);
        json.WriteStartObject("billing_address");
        WriteAddressFields(json, new ClientAddress(client.BillingStreetAddress, client.BillingCity, client.BillingZipCode, client.BillingProvinceCode, client.BillingCountryCode));
        json.WriteEndObject();
        var delivery = client.DeliveryAddress is null ? null : JsonSerializer.Deserialize(client.DeliveryAddress, ServerJsonContext.Default.ClientAddress);
        if (delivery is null)
        {
            json.WriteNull("delivery_address");
        }
        else
        {
            json.WriteStartObject("delivery_address");
            WriteAddressFields(json, delivery);
            json.WriteEndObject();
        }

        json.WriteString("created_at", client.CreatedAt);
        json.WriteString("updated_at", client.UpdatedAt);
    }

    private static void WriteAddressFields(Utf8JsonWriter json, ClientAddress address)
    {
        json.WriteNullableString("street_address", address.StreetAddress);
        json.WriteNullableString("city", address.City);
        json.WriteNullableString("zip_code", address.ZipCode);
        json.WriteNullableString("province_code", address.ProvinceCode);
        json.WriteNullableString("country_code", address.CountryCode);
    }
}
