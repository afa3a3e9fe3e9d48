using System.Text.Json.Serialization;

namespace Comptoir.Server.Memberships;

/// <summary>
/// The membership object as the API prints it. Comptoir has one team per organization, so <c>team_id</c> is the
/// organization's id (decision 0016).
/// </summary>
public sealed record MembershipResponse(
    string Id,
    string FirstName,
    string LastName,
    string? Email,
    string Role,
    string TeamId,
    string? ResidenceCountry,
    string? Birthdate,
    string? Nationality,
    string? BirthCountry,
    bool? Ubo,
    string Status)
{
    public static MembershipResponse From(MembershipRow m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.FirstName, m.LastName, m.Email, m.Role, m.OrganizationId, m.ResidenceCountry, m.Birthdate, m.Nationality, m.BirthCountry, m.Ubo, m.Status);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MembershipResponse))]
internal sealed partial class MembershipsJsonContext : JsonSerializerContext;
