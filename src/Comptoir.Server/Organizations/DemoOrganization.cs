using Comptoir.Core.Banking;
using Comptoir.Core.Invoicing;

namespace Comptoir.Server.Organizations;

/// <summary>What a first start creates so the API can be called at once.</summary>
public sealed record DemoCredentials(OrganizationRow Organization, BankAccountRow Account, string ApiKeySecret)
{
    public string Authorization => $"{Organization.Slug}:{ApiKeySecret}";
}

/// <summary>The demo French organization: legal identity, legal mentions, one main EUR account with a balance.</summary>
public static class DemoOrganization
{
    public const string Slug = "comptoir-demo";

    public static async Task<DemoCredentials> CreateAsync(OrganizationStore store, string slug = Slug, string legalName = "Comptoir Démo SAS", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var organization = await store.CreateAsync(new OrganizationRow
        {
            Slug = slug,
            LegalName = legalName,
            LegalNumber = "842315574",
            LegalForm = "SAS",
            LegalSector = "Conseil en systèmes et logiciels informatiques",
            LegalRegistrationDate = "2018-09-03",
            LegalCountry = "FR",
            LegalShareCapitalCents = 1_000_000,
            Locale = "fr",
            VatNumber = "FR25842315574",
            AddressLine1 = "18 rue de Navarin",
            AddressZipcode = "75009",
            AddressCity = "Paris",
            AddressCountry = "FR",
            CommercialRegisterNumber = "Paris B 842 315 574",
            TransactionType = "services",
            DiscountConditions = FrenchLegalMentions.NoEarlyPaymentDiscount,
            LatePaymentPenalties = FrenchLegalMentions.LatePaymentPenalties,
            LegalFixedCompensation = FrenchLegalMentions.FixedRecoveryCompensation,
            ContactEmail = "facturation@comptoir-demo.fr",
            InvoiceNumberPattern = "F-{YYYY}-{SEQ:6}",
            AutomaticNumbering = true,
        }, cancellationToken).ConfigureAwait(false);

        // A distinct, valid account number per organization keeps IBANs unique on the server. The id's last digits
        // come from its random part (its first ones are a timestamp, shared by organizations made in the same moment).
        var idDigits = string.Concat(organization.Id.Where(char.IsAsciiDigit)).PadLeft(11, '7');
        var digits = idDigits[^11..];
        var account = await store.AddAccountAsync(new BankAccountRow
        {
            OrganizationId = organization.Id,
            Name = "Compte principal",
            Iban = Iban.French("99999", "00001", digits),
            Bic = "CMPTFRPPXXX",
            Currency = "EUR",
            BalanceCents = 25_000_000,
            Status = BankAccountStatus.Active,
            Main = true,
            AccountNumber = digits,
        }, cancellationToken).ConfigureAwait(false);
        var (_, secret) = await store.CreateApiKeyAsync(organization.Id, "demo", cancellationToken).ConfigureAwait(false);
        return new DemoCredentials(organization, account, secret);
    }
}
