using System.ComponentModel;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.Beneficiaries;

// The beneficiary JSON (BeneficiariesApi.WriteFields), described for the OpenAPI document only.

[Description("A SEPA beneficiary; an untrusted one needs strong customer authentication for each transfer.")]
public sealed record BeneficiaryDoc(
    string Id,
    string Name,
    string Iban,
    [property: Description("Never null: the BIC given, else that of a bank the server knows for the IBAN (NOTPROVIDED only on beneficiaries recorded before BICs were kept).")] string Bic,
    [property: Description("Always EUR.")] string Currency,
    string? Email,
    string? ActivityTag,
    string Status,
    bool Trusted,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record BeneficiaryResponseDoc(BeneficiaryDoc Beneficiary);

public sealed record BeneficiaryListDoc(IReadOnlyList<BeneficiaryDoc> Beneficiaries, PageMetaDoc Meta);

[Description("A new SEPA beneficiary; it is created untrusted. bic may be left out when the server knows the IBAN's bank.")]
public sealed record NewBeneficiaryDoc(string Name, string Iban, string? Bic, string? Email, string? ActivityTag);

public sealed record NewBeneficiaryRequestDoc(NewBeneficiaryDoc Beneficiary);

[Description("The fields that can change; those left out stay as they are.")]
public sealed record BeneficiaryChangesDoc(string? Name, string? Email, string? ActivityTag);

public sealed record BeneficiaryChangesRequestDoc(BeneficiaryChangesDoc Beneficiary);

[Description("Up to 400 beneficiary ids.")]
public sealed record BeneficiaryIdsDoc(IReadOnlyList<string> Ids);

public sealed record BeneficiariesDoc(IReadOnlyList<BeneficiaryDoc> Beneficiaries);
