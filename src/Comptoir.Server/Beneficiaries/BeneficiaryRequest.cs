using Comptoir.Core.Banking;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.Beneficiaries;

/// <summary>A new beneficiary as POST /v2/sepa/beneficiaries sends it: <c>{"beneficiary": {name, iban, bic?, email?, activity_tag?}}</c>.</summary>
public sealed record NewBeneficiary(string Name, string Iban, string? Bic, string? Email, string? ActivityTag);

/// <summary>Reads the beneficiary bodies (JSON pointers in every error).</summary>
public static class BeneficiaryRequest
{
    public const int MaxIds = 400;

    public static NewBeneficiary ReadNew(JsonBody root)
    {
        var body = root.Object("beneficiary") ?? throw root.Required("beneficiary", "beneficiary is required.");
        var name = Name(body, body.RequiredString("name", 140));
        var iban = body.RequiredString("iban", 42);
        if (Iban.Validate(iban) is { } problem)
        {
            throw body.Invalid("iban", "invalid", $"iban {problem}");
        }

        var bic = body.String("bic", 11)?.Trim().ToUpperInvariant();
        if (bic is not null && !BeneficiaryBics.IsValid(bic))
        {
            throw body.Invalid("bic", "invalid", "bic must be 8 or 11 letters and digits.");
        }

        return new NewBeneficiary(name, Iban.Normalize(iban), bic, Email(body), body.String("activity_tag", 100));
    }

    public static BeneficiaryChanges ReadChanges(JsonBody root)
    {
        var body = root.Object("beneficiary") ?? throw root.Required("beneficiary", "beneficiary is required.");
        var name = body.String("name", 140);
        return new BeneficiaryChanges(name is null ? null : Name(body, name), Email(body), body.String("activity_tag", 100));
    }

    /// <summary>{"ids": [...]}: 1 to 400 ids.</summary>
    public static IReadOnlyList<string> ReadIds(JsonBody root)
    {
        if (!root.Present("ids"))
        {
            throw root.Required("ids", "ids is required (1 to 400 beneficiary ids).");
        }

        var ids = root.Strings("ids", MaxIds, 36);
        return ids.Count > 0 ? ids : throw root.Invalid("ids", "invalid", "ids needs 1 to 400 beneficiary ids.");
    }

    private static string Name(JsonBody body, string name) =>
        string.IsNullOrWhiteSpace(name) ? throw body.Invalid("name", "invalid", "name needs 1 to 140 characters.") : name.Trim();

    private static string? Email(JsonBody body)
    {
        var email = body.String("email", 254)?.Trim();
        return email is null || (email.Contains('@', StringComparison.Ordinal) && !email.StartsWith('@') && !email.EndsWith('@'))
            ? email
            : throw body.Invalid("email", "invalid", "email is not an e-mail address.");
    }
}
