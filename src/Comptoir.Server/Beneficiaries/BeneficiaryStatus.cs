namespace Comptoir.Server.Beneficiaries;

/// <summary>A beneficiary's statuses; only a validated one can be paid.</summary>
[PublicSurface]
public static class BeneficiaryStatus
{
    public const string Pending = "pending";
    public const string Validated = "validated";
    public const string Declined = "declined";

    public static readonly string[] All = [Pending, Validated, Declined];
}
