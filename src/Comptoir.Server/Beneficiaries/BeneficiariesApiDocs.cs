using System.ComponentModel;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.Beneficiaries;

// The beneficiary JSON (BeneficiariesApi.WriteFields), described for the OpenAPI document only.

[Description("A SEPA beneficiary; an untrusted one needs strong customer authentication for each transfer.")]
public sealed record BeneficiaryDoc(
    string Id,
    string Name,
    string Iban,
    string? Bic,
    string? Email,
    string? ActivityTag,
    string Status,
    bool Trusted,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record BeneficiaryResponseDoc(BeneficiaryDoc Beneficiary);

public sealed record BeneficiaryListDoc(IReadOnlyList<BeneficiaryDoc> Beneficiaries, PageMetaDoc Meta);
