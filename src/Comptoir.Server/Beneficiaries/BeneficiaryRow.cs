namespace Comptoir.Server.Beneficiaries;

/// <summary>A SEPA beneficiary (table beneficiaries). Status pending|validated|declined; trusted ones skip SCA.</summary>
[PublicSurface]
public sealed class BeneficiaryRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Iban { get; set; } = string.Empty;
    public string? Bic { get; set; }

    /// <summary>The name folded for search (SearchText.Fold).</summary>
    public string? SearchName { get; set; }
    public string? Email { get; set; }
    public string? ActivityTag { get; set; }
    public string Status { get; set; } = BeneficiaryStatus.Validated;
    public bool Trusted { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
}
