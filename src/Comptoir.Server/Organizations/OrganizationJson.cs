using System.Text.Json;
using Comptoir.Core.Money;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Organizations;

namespace Comptoir.Server.Organizations;

/// <summary>The organization and bank account objects of API reference §3.</summary>
public static class OrganizationJson
{
    public static void Write(Utf8JsonWriter json, OrganizationRow organization, IReadOnlyList<BankAccountRow> accounts)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(accounts);
        json.WriteStartObject("organization");
        json.WriteString("id", organization.Id);
        json.WriteString("slug", organization.Slug);
        json.WriteString("legal_name", organization.LegalName);
        json.WriteNullableString("legal_number", organization.LegalNumber);
        json.WriteNullableString("legal_sector", organization.LegalSector);
        json.WriteNullableString("legal_registration_date", organization.LegalRegistrationDate);
        json.WriteString("legal_address", string.Join(", ", new[] { organization.AddressLine1, organization.AddressLine2, $"{organization.AddressZipcode} {organization.AddressCity}".Trim(), organization.AddressCountry }.Where(s => !string.IsNullOrWhiteSpace(s))));
        json.WriteNullableString("legal_form", organization.LegalForm);
        json.WriteString("legal_country", organization.LegalCountry);
        json.WriteNullableString("legal_share_capital", organization.LegalShareCapitalCents is { } capital ? DecimalText.Amount(Rounding.FromCents(capital)) : null);
        json.WriteString("locale", organization.Locale);
        json.WriteNullableString("contract_signed_at", organization.ContractSignedAt);
        json.WriteNullableString("vat_number", organization.VatNumber);
        json.WriteStartArray("bank_accounts");
        foreach (var account in accounts)
        {
            json.WriteStartObject();
            WriteAccountFields(json, account);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteAccountFields(Utf8JsonWriter json, BankAccountRow account)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(account);
        json.WriteString("id", account.Id);
        json.WriteString("organization_id", account.OrganizationId);
        json.WriteString("slug", account.Slug);
        json.WriteString("name", account.Name);
        json.WriteString("iban", account.Iban);
        json.WriteString("bic", account.Bic);
        json.WriteString("currency", account.Currency);
        // Balances are JSON numbers written from decimals, so their text is exact ("1234.50").
        json.WriteNumber("balance", Rounding.FromCents(account.BalanceCents));
        json.WriteNumber("balance_cents", account.BalanceCents);
        json.WriteNumber("authorized_balance", Rounding.FromCents(account.AuthorizedBalanceCents));
        json.WriteNumber("authorized_balance_cents", account.AuthorizedBalanceCents);
        json.WriteString("status", account.Status);
        json.WriteBoolean("main", account.Main);
        json.WriteBoolean("is_external_account", account.IsExternalAccount);
        json.WriteNullableString("account_number", account.AccountNumber);
        json.WriteString("updated_at", account.UpdatedAt);
    }
}
