namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// The statuses of a supplier invoice: to_review (new) -> to_approve -> awaiting_payment -> scheduled / pending -> paid,
/// and the dead ends rejected, archived, discarded. <see cref="SupplierInvoiceTransitions"/> says which action leads
/// where.
/// </summary>
public static class SupplierInvoiceStatus
{
    public const string ToReview = "to_review";
    public const string ToApprove = "to_approve";
    public const string AwaitingPayment = "awaiting_payment";
    public const string Scheduled = "scheduled";
    public const string Pending = "pending";
    public const string Paid = "paid";
    public const string Rejected = "rejected";
    public const string Archived = "archived";
    public const string Discarded = "discarded";

    public static readonly IReadOnlyList<string> All = [ToReview, ToApprove, AwaitingPayment, Scheduled, Pending, Paid, Rejected, Archived, Discarded];

    /// <summary>The statuses an invoice may be rejected, edited or marked paid from: not yet on its way to being paid.</summary>
    public static readonly IReadOnlyList<string> Open = [ToReview, ToApprove, AwaitingPayment];

    /// <summary>A transfer carrying the invoice's file is on its way: the invoice waits for it to settle.</summary>
    public static readonly IReadOnlyList<string> InPayment = [Scheduled, Pending];
}
