namespace Comptoir.Server.Organizations;

/// <summary>A bank account's statuses; only an active account sends or receives money.</summary>
[PublicSurface]
public static class BankAccountStatus
{
    public const string Active = "active";
    public const string Closed = "closed";
}
