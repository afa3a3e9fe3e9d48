using System.Text.Json;
using System.Text.Json.Serialization;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.Clients;

/// <summary>The client object as the API prints it (also the snapshot embedded in invoices).</summary>
[PublicSurface]
public sealed record ClientResponse(
    string Id,
    string? Name,
    string? FirstName,
    string? LastName,
    string Type,
    string Kind,
    string? Email,
    IReadOnlyList<string> ExtraEmails,
    string? Phone,
    string? VatNumber,
    string? TaxIdentificationNumber,
    string? Address,
    string? City,
    string? ZipCode,
    string? ProvinceCode,
    string? CountryCode,
    string? RecipientCode,
    string? Currency,
    string? Locale,
    string? EInvoicingAddress,
    ClientAddress BillingAddress,
    ClientAddress? DeliveryAddress,
    string CreatedAt,
    string UpdatedAt)
{
    public static ClientResponse From(ClientRow client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(
            client.Id,
            client.Kind == "individual" ? client.Name ?? client.DisplayName : client.Name,
            client.FirstName,
            client.LastName,
            client.Kind,
            client.Kind,
            client.Email,
            JsonSerializer.Deserialize(client.ExtraEmails, ClientsJsonContext.Default.IReadOnlyListString) ?? [],
            client.Phone,
            client.VatNumber,
            client.TaxIdentificationNumber,
            client.BillingStreetAddress,
            client.BillingCity,
            client.BillingZipCode,
            client.BillingProvinceCode,
            client.BillingCountryCode,
            client.RecipientCode,
            client.Currency,
            client.Locale,
            client.EInvoicingAddress,
            new ClientAddress(client.BillingStreetAddress, client.BillingCity, client.BillingZipCode, client.BillingProvinceCode, client.BillingCountryCode),
            client.DeliveryAddress is null ? null : JsonSerializer.Deserialize(client.DeliveryAddress, ClientsJsonContext.Default.ClientAddress),
            client.CreatedAt,
            client.UpdatedAt);
    }

    /// <summary>Writes the client as a JSON object (for the hand-written invoice rendering that embeds it).</summary>
    public static void Write(Utf8JsonWriter json, ClientRow client) => JsonSerializer.Serialize(json, From(client), ClientsJsonContext.Default.ClientResponse);
}

/// <summary>Source-generated JSON of the clients resource: responses and the small values stored in text columns.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ClientResponse))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ClientsJsonContext : JsonSerializerContext;
