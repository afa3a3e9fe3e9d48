namespace Comptoir.Server.Memberships;

/// <summary>A membership's roles, as the public API spells them; each organization has one owner.</summary>
[PublicSurface]
public static class MembershipRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Reporting = "reporting";
    public const string Employee = "employee";
    public const string Accountant = "accountant";

    public static readonly string[] All = [Owner, Admin, Manager, Reporting, Employee, Accountant];
}
