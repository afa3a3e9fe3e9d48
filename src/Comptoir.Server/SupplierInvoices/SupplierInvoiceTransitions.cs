namespace Comptoir.Server.SupplierInvoices;

/// <summary>One action on a supplier invoice: its name, the statuses it starts from, and (when fixed) where it leads.</summary>
public sealed record SupplierInvoiceTransition(string Action, IReadOnlyList<string> From, string? To)
{
    public bool AllowedFrom(string status) => From.Contains(status, StringComparer.Ordinal);
}

/// <summary>
/// Every change of a supplier invoice's status, in one table (docs/supplier-invoices.md prints it). The public API's
/// actions (mark_as_paid, unmark_as_paid, reject) and the web app's (submit, approve, archive, discard, edit, through
/// `comptoir admin supplier-invoices`) are checked against it, and available_actions is read from it, so the object
/// never offers what the store would refuse. Transfers move an invoice too: one carrying its file moves it from an
/// open status to scheduled or pending, its settlement to paid, its decline or cancellation back to awaiting_payment.
/// </summary>
public static class SupplierInvoiceTransitions
{
    public static readonly SupplierInvoiceTransition Submit = new("submit", [SupplierInvoiceStatus.ToReview], SupplierInvoiceStatus.ToApprove);

    public static readonly SupplierInvoiceTransition Approve = new("approve", [SupplierInvoiceStatus.ToApprove], SupplierInvoiceStatus.AwaitingPayment);

    public static readonly SupplierInvoiceTransition MarkAsPaid = new("mark_as_paid", SupplierInvoiceStatus.Open, SupplierInvoiceStatus.Paid);

    /// <summary>Back to the status it was marked paid from (awaiting_payment when paid by a transfer).</summary>
    public static readonly SupplierInvoiceTransition UnmarkAsPaid = new("unmark_as_paid", [SupplierInvoiceStatus.Paid], null);

    public static readonly SupplierInvoiceTransition Reject = new("reject", SupplierInvoiceStatus.Open, SupplierInvoiceStatus.Rejected);

    /// <summary>Filing away an invoice that is done with: paid or rejected.</summary>
    public static readonly SupplierInvoiceTransition Archive = new("archive", [SupplierInvoiceStatus.Paid, SupplierInvoiceStatus.Rejected], SupplierInvoiceStatus.Archived);

    /// <summary>Throwing away an upload that is no invoice (a duplicate scan, a wrong file) before anyone reviewed it.</summary>
    public static readonly SupplierInvoiceTransition Discard = new("discard", [SupplierInvoiceStatus.ToReview], SupplierInvoiceStatus.Discarded);

    /// <summary>Correcting the extracted data; the status stays.</summary>
    public static readonly SupplierInvoiceTransition Edit = new("edit", SupplierInvoiceStatus.Open, null);

    /// <summary>Paying it by transfer (`comptoir pay --supplier-invoice`): an approved invoice.</summary>
    public static readonly SupplierInvoiceTransition Pay = new("pay", [SupplierInvoiceStatus.AwaitingPayment], null);

    /// <summary>A transfer carrying the invoice's file was created: scheduled (for a later date) or pending.</summary>
    public static readonly SupplierInvoiceTransition TransferCreated = new("transfer_created", SupplierInvoiceStatus.Open, null);

    public static readonly SupplierInvoiceTransition TransferSettled = new("transfer_settled", SupplierInvoiceStatus.InPayment, SupplierInvoiceStatus.Paid);

    public static readonly SupplierInvoiceTransition TransferFailed = new("transfer_failed", SupplierInvoiceStatus.InPayment, SupplierInvoiceStatus.AwaitingPayment);

    /// <summary>The web app's actions that change the status alone, by the name `comptoir admin supplier-invoices` gives them.</summary>
    public static readonly IReadOnlyList<SupplierInvoiceTransition> StatusMoves = [Submit, Approve, Archive, Discard];

    public static readonly IReadOnlyList<SupplierInvoiceTransition> All =
        [Submit, Approve, MarkAsPaid, UnmarkAsPaid, Reject, Archive, Discard, Edit, Pay, TransferCreated, TransferSettled, TransferFailed];
}
