using System.Text.Json.Serialization;
using Comptoir.Core.Money;

namespace Comptoir.Server.Organizations;

/// <summary>The organization object as the API prints it, with its bank accounts; the share capital is a JSON number in euros.</summary>
public sealed record OrganizationResponse(
    string Id,
    string Slug,
    string LegalName,
    string? LegalNumber,
    string? LegalSector,
    string? LegalRegistrationDate,
    string LegalAddress,
    string? LegalForm,
    string LegalCountry,
    decimal? LegalShareCapital,
    string Locale,
    string? ContractSignedAt,
    string? VatNumber,
    IReadOnlyList<BankAccountResponse> BankAccounts)
{
    public static OrganizationResponse From(OrganizationRow organization, IReadOnlyList<BankAccountRow> accounts)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(accounts);
        var address = new[] { organization.AddressLine1, organization.AddressLine2, $"{organization.AddressZipcode} {organization.AddressCity}".Trim(), organization.AddressCountry };
        return new(
            organization.Id,
            organization.Slug,
            organization.LegalName,
            organization.LegalNumber,
            organization.LegalSector,
            organization.LegalRegistrationDate,
            string.Join(", ", address.Where(s => !string.IsNullOrWhiteSpace(s))),
            organization.LegalForm,
            organization.LegalCountry,
            organization.LegalShareCapitalCents is { } capital ? Rounding.FromCents(capital) : null,
            organization.Locale,
            organization.ContractSignedAt,
            organization.VatNumber,
            [.. accounts.Select(BankAccountResponse.From)]);
    }
}

/// <summary>
/// The bank account object. Balances are JSON numbers written from decimals, so their text is exact ("1234.50").
/// </summary>
public sealed record BankAccountResponse(
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
    string UpdatedAt)
{
    public static BankAccountResponse From(BankAccountRow account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(
            account.Id,
            account.OrganizationId,
            account.Slug,
            account.Name,
            account.Iban,
            account.Bic,
            account.Currency,
            Rounding.FromCents(account.BalanceCents),
            account.BalanceCents,
            Rounding.FromCents(account.AuthorizedBalanceCents),
            account.AuthorizedBalanceCents,
            account.Status,
            account.Main,
            account.IsExternalAccount,
            account.AccountNumber,
            account.UpdatedAt);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(OrganizationResponse))]
[JsonSerializable(typeof(BankAccountResponse))]
internal sealed partial class OrganizationsJsonContext : JsonSerializerContext;
