namespace Comptoir.Server.Transfers;

/// <summary>A transfer's statuses: pending -> settled, pending -> canceled (by the client), pending -> declined (by the bank).</summary>
public static class TransferStatus
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Canceled = "canceled";
    public const string Declined = "declined";
    public const string Settled = "settled";

    public static readonly string[] All = [Pending, Processing, Canceled, Declined, Settled];
}
