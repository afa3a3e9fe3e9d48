namespace Comptoir.Server.Organizations;

/// <summary>An organization as stored (table organizations).</summary>
[PublicSurface]
public sealed class OrganizationRow
{
    public string Id { get; set; } = string.Empty;
    public string Slug { get; set; } = string.Empty;
    public string LegalName { get; set; } = string.Empty;
    public string? LegalNumber { get; set; }
    public string? LegalForm { get; set; }
    public string? LegalSector { get; set; }
    public string? LegalRegistrationDate { get; set; }
    public string LegalCountry { get; set; } = "FR";
    public long? LegalShareCapitalCents { get; set; }
    public string Locale { get; set; } = "fr";
    public string? VatNumber { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? AddressZipcode { get; set; }
    public string? AddressCity { get; set; }
    public string? AddressCountry { get; set; }
    public string? CommercialRegisterNumber { get; set; }
    public string? CompanyLeadership { get; set; }
    public string? TransactionType { get; set; }
    public string? VatPaymentCondition { get; set; }
    public string? DiscountConditions { get; set; }
    public string? LatePaymentPenalties { get; set; }
    public string? LegalFixedCompensation { get; set; }
    public string? ContactEmail { get; set; }
    public string InvoiceNumberPattern { get; set; } = "F-{YYYY}-{SEQ:6}";
    public bool AutomaticNumbering { get; set; } = true;
    public string? ContractSignedAt { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;

    public bool IsFrench => (AddressCountry ?? LegalCountry).Equals("FR", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A bank account as stored (table bank_accounts).</summary>
[PublicSurface]
public sealed class BankAccountRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string Slug { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Iban { get; set; } = string.Empty;
    public string Bic { get; set; } = string.Empty;
    public string Currency { get; set; } = "EUR";
    public long BalanceCents { get; set; }
    public long AuthorizedBalanceCents { get; set; }
    public string Status { get; set; } = BankAccountStatus.Active;
    public bool Main { get; set; }
    public bool IsExternalAccount { get; set; }
    public string? AccountNumber { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
}
