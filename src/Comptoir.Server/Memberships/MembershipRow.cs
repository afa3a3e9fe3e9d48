namespace Comptoir.Server.Memberships;

/// <summary>A person acting for an organization (table memberships); every API key and access token belongs to one.</summary>
[PublicSurface]
public sealed class MembershipRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string FirstName { get; set; } = string.Empty;
    public string LastName { get; set; } = string.Empty;
    public string? Email { get; set; }
    public string Role { get; set; } = MembershipRoles.Employee;
    public string Status { get; set; } = "active";
    public string? ResidenceCountry { get; set; }
    public string? Birthdate { get; set; }
    public string? Nationality { get; set; }
    public string? BirthCountry { get; set; }
    public bool? Ubo { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
}
