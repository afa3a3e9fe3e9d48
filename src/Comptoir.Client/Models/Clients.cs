namespace Comptoir.Client.Models;

public sealed record Client(
    string Id, string? Name, string? FirstName, string? LastName, string Kind, string? Email, string? VatNumber, string? TaxIdentificationNumber,
    string? Currency, string? Locale, Address? BillingAddress, string? EInvoicingAddress, string CreatedAt, string UpdatedAt);

/// <summary>POST /v2/clients body.</summary>
public sealed record NewClient
{
    public required string Kind { get; init; }
    public string? Name { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? VatNumber { get; init; }
    public string? TaxIdentificationNumber { get; init; }
    public string Currency { get; init; } = "EUR";
    public string Locale { get; init; } = "fr";
    public Address? BillingAddress { get; init; }
    public string? EInvoicingAddress { get; init; }
}
