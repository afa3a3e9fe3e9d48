namespace Comptoir.Server.Clients;

/// <summary>A client as stored (table clients). The *_key and search_name columns hold folded copies for filters.</summary>
[PublicSurface]
public sealed class ClientRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string Kind { get; set; } = "company";
    public string? Name { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string SearchName { get; set; } = string.Empty;
    public string? Email { get; set; }
    public string? EmailKey { get; set; }
    public string ExtraEmails { get; set; } = "[]";
    public string? Phone { get; set; }
    public string? VatNumber { get; set; }
    public string? VatNumberKey { get; set; }
    public string? TaxIdentificationNumber { get; set; }
    public string? TaxIdentificationNumberKey { get; set; }
    public string? BillingStreetAddress { get; set; }
    public string? BillingCity { get; set; }
    public string? BillingZipCode { get; set; }
    public string? BillingProvinceCode { get; set; }
    public string? BillingCountryCode { get; set; }
    public string? DeliveryAddress { get; set; }
    public string? Currency { get; set; }
    public string? Locale { get; set; }
    public string? EInvoicingAddress { get; set; }
    public string? RecipientCode { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;

    /// <summary>The name printed on invoices: the company name, or first and last name.</summary>
    public string DisplayName => Kind == "individual" || string.IsNullOrWhiteSpace(Name)
        ? string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s)))
        : Name!;
}
