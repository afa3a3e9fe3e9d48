namespace Comptoir.Server.Transactions;

/// <summary>A transaction's statuses: pending -> completed, or pending -> declined. Only the ledger changes them.</summary>
[PublicSurface]
public static class TransactionStatus
{
    public const string Pending = "pending";
    public const string Declined = "declined";
    public const string Completed = "completed";

    public static readonly string[] All = [Pending, Declined, Completed];
}
