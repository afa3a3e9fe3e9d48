using System.ComponentModel;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.Clients;

// The client JSON (ClientJson) and request bodies (ClientRequest), described for the OpenAPI document only.

[Description("A client: a company, an individual or a freelancer the organization invoices.")]
[PublicSurface]
public sealed record ClientDoc(
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
    ClientAddressDoc BillingAddress,
    ClientAddressDoc? DeliveryAddress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

[Description("An address; country_code is ISO 3166-1 alpha-2 and required in a request.")]
public sealed record ClientAddressDoc(string? StreetAddress, string? City, string? ZipCode, string? ProvinceCode, string? CountryCode);

public sealed record ClientResponseDoc(ClientDoc Client);

public sealed record ClientListDoc(IReadOnlyList<ClientDoc> Clients, PageMetaDoc Meta);

[Description("A client to create (kind, currency and locale required; a company needs name, an individual first_name and last_name), or the fields to change on update. The same fields may be wrapped in {\"client\": {...}}; the billing address is either billing_address or the flat address, city, zip_code, province_code, country_code.")]
public sealed record ClientRequestDoc(
    string? Kind = null,
    string? Type = null,
    string? Name = null,
    string? FirstName = null,
    string? LastName = null,
    string? Email = null,
    IReadOnlyList<string>? ExtraEmails = null,
    string? Phone = null,
    string? VatNumber = null,
    string? TaxIdentificationNumber = null,
    string? RecipientCode = null,
    string? EInvoicingAddress = null,
    string? Currency = null,
    string? Locale = null,
    ClientAddressDoc? BillingAddress = null,
    ClientAddressDoc? DeliveryAddress = null,
    string? Address = null,
    string? City = null,
    string? ZipCode = null,
    string? ProvinceCode = null,
    string? CountryCode = null);
