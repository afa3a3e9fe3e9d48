namespace Comptoir.Client.Models;

public sealed record Organization(string Id, string Slug, string LegalName, string? LegalNumber, string? LegalCountry, string? VatNumber, IReadOnlyList<BankAccount> BankAccounts);

public sealed record BankAccount(
    string Id, string OrganizationId, string Slug, string Name, string Iban, string Bic, string Currency,
    decimal Balance, long BalanceCents, decimal AuthorizedBalance, long AuthorizedBalanceCents, string Status, bool Main, string UpdatedAt);
