using System.ComponentModel;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.Organizations;

// The organization and bank account JSON (OrganizationJson), described for the OpenAPI document only.

[Description("The calling organization, with its bank accounts.")]
public sealed record OrganizationDoc(
    string Id,
    string Slug,
    string LegalName,
    string? LegalNumber,
    string? LegalSector,
    string? LegalRegistrationDate,
    string LegalAddress,
    string? LegalForm,
    string LegalCountry,
    [property: Description("The share capital in euros, a JSON number.")] decimal? LegalShareCapital,
    string Locale,
    DateTimeOffset? ContractSignedAt,
    string? VatNumber,
    IReadOnlyList<BankAccountDoc> BankAccounts);

[Description("A bank account; balances are JSON numbers in euros and integers in cents.")]
public sealed record BankAccountDoc(
    string Id,
    string OrganizationId,
    string Slug,
    string Name,
    string Iban,
    string Bic,
    string Currency,
    decimal Balance,
    long BalanceCents,
    decimal AuthorizedBalance,
    long AuthorizedBalanceCents,
    string Status,
    bool Main,
    bool IsExternalAccount,
    string? AccountNumber,
    DateTimeOffset UpdatedAt);

public sealed record OrganizationResponseDoc(OrganizationDoc Organization);

public sealed record BankAccountResponseDoc(BankAccountDoc BankAccount);

public sealed record BankAccountListDoc(IReadOnlyList<BankAccountDoc> BankAccounts, PageMetaDoc Meta);
