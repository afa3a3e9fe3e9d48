using System.ComponentModel;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.Memberships;

// The membership JSON (MembershipResponse), described for the OpenAPI document only.

[Description("A person acting for the organization; team_id is the organization's id (one team per organization).")]
public sealed record MembershipDoc(
    string Id,
    string FirstName,
    string LastName,
    string? Email,
    [property: Description("owner, admin, manager, reporting, employee or accountant.")] string Role,
    string TeamId,
    string? ResidenceCountry,
    string? Birthdate,
    string? Nationality,
    string? BirthCountry,
    bool? Ubo,
    string Status);

public sealed record MembershipResponseDoc(MembershipDoc Membership);

public sealed record MembershipListDoc(IReadOnlyList<MembershipDoc> Memberships, PageMetaDoc Meta);
