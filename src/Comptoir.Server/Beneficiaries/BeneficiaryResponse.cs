using System.Text.Json.Serialization;

namespace Comptoir.Server.Beneficiaries;

/// <summary>The SEPA beneficiary object as the API prints it; its BIC is never null and its currency is EUR.</summary>
public sealed record BeneficiaryResponse(
    string Id,
    string Name,
    string Iban,
    string Bic,
    string Currency,
    string? Email,
    string? ActivityTag,
    string Status,
    bool Trusted,
    string CreatedAt,
    string UpdatedAt)
{
    public static BeneficiaryResponse From(BeneficiaryRow beneficiary)
    {
        ArgumentNullException.ThrowIfNull(beneficiary);
        return new(beneficiary.Id, beneficiary.Name, beneficiary.Iban, beneficiary.Bic ?? BeneficiaryBics.NotProvided, "EUR", beneficiary.Email, beneficiary.ActivityTag,
            beneficiary.Status, beneficiary.Trusted, beneficiary.CreatedAt, beneficiary.UpdatedAt);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BeneficiaryResponse))]
[JsonSerializable(typeof(IReadOnlyList<BeneficiaryResponse>))]
internal sealed partial class BeneficiariesJsonContext : JsonSerializerContext;
