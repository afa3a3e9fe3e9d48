using System.Data.Common;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.SupplierInvoices;

// Paying a supplier invoice by transfer. The transfer store calls these inside the transaction of the transfer's own
// change, so an invoice is scheduled, paid or back to awaiting payment exactly when its transfer is: a transfer is
// linked to the invoices whose attachment it carries in attachment_ids.
public sealed partial class SupplierInvoiceStore
{
    /// <summary>
    /// A transfer carrying <paramref name="attachmentIds"/> was created: each invoice of one of those files lists it in
    /// transfer_ids and, when still open, waits for it: scheduled (<paramref name="scheduled"/>: it leaves on a later
    /// date) or pending, with the transfer's date as scheduled_date.
    /// </summary>
    public async Task TransferCreatedAsync(DbConnection c, DbTransaction t, string organizationId, string transferId, IReadOnlyList<string> attachmentIds, string scheduledDate, bool scheduled, string now)
    {
        foreach (var invoice in await PaidByAsync(c, t, organizationId, attachmentIds).ConfigureAwait(false))
        {
            var transfers = ReadIds(invoice.TransferIds);
            if (transfers.Contains(transferId, StringComparer.Ordinal))
            {
                continue;
            }

            invoice.TransferIds = WriteIds([.. transfers, transferId]);
            if (SupplierInvoiceTransitions.TransferCreated.AllowedFrom(invoice.Status))
            {
                invoice.Status = scheduled ? SupplierInvoiceStatus.Scheduled : SupplierInvoiceStatus.Pending;
                invoice.ScheduledDate = scheduledDate;
            }

            invoice.UpdatedAt = now;
            await SaveAsync(c, t, invoice).ConfigureAwait(false);
        }
    }

    /// <summary>The transfer settled: each invoice waiting for it is paid, on the settlement's date.</summary>
    public async Task TransferSettledAsync(DbConnection c, DbTransaction t, string organizationId, string transferId, IReadOnlyList<string> attachmentIds, string now)
    {
        foreach (var invoice in await WaitingForAsync(c, t, organizationId, transferId, attachmentIds).ConfigureAwait(false))
        {
            invoice.Status = SupplierInvoiceTransitions.TransferSettled.To!;
            // Unmarking a payment made by transfer sets it back to awaiting_payment, where a new transfer can be made.
            invoice.StatusBeforePaid = SupplierInvoiceStatus.AwaitingPayment;
            invoice.PaymentDate = Timestamps.Date(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            invoice.UpdatedAt = now;
            await SaveAsync(c, t, invoice).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The transfer was declined or canceled: each invoice waiting for it goes back to awaiting_payment, unless another
    /// of its transfers is still pending.
    /// </summary>
    public async Task TransferFailedAsync(DbConnection c, DbTransaction t, string organizationId, string transferId, IReadOnlyList<string> attachmentIds, string now)
    {
        foreach (var invoice in await WaitingForAsync(c, t, organizationId, transferId, attachmentIds).ConfigureAwait(false))
        {
            var stillPending = false;
            foreach (var other in ReadIds(invoice.TransferIds).Where(id => id != transferId))
            {
                stillPending |= await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM transfers WHERE id = @other AND status = 'pending'", new { other }, t).ConfigureAwait(false) > 0;
            }

            if (stillPending)
            {
                continue;
            }

            invoice.Status = SupplierInvoiceTransitions.TransferFailed.To!;
            invoice.ScheduledDate = null;
            invoice.UpdatedAt = now;
            await SaveAsync(c, t, invoice).ConfigureAwait(false);
        }
    }

    private async Task<IEnumerable<SupplierInvoiceRow>> WaitingForAsync(DbConnection c, DbTransaction t, string organizationId, string transferId, IReadOnlyList<string> attachmentIds) =>
        (await PaidByAsync(c, t, organizationId, attachmentIds).ConfigureAwait(false))
            .Where(i => SupplierInvoiceTransitions.TransferSettled.AllowedFrom(i.Status) && ReadIds(i.TransferIds).Contains(transferId, StringComparer.Ordinal));

    /// <summary>The invoices of these files, locked for the caller's change (one statement per file: at most 10).</summary>
    private async Task<List<SupplierInvoiceRow>> PaidByAsync(DbConnection c, DbTransaction t, string organizationId, IReadOnlyList<string> attachmentIds)
    {
        var invoices = new List<SupplierInvoiceRow>();
        foreach (var attachmentId in attachmentIds.Distinct(StringComparer.Ordinal))
        {
            invoices.AddRange(await c.QueryAsync<SupplierInvoiceRow>(
                "SELECT * FROM supplier_invoices WHERE organization_id = @organizationId AND attachment_id = @attachmentId ORDER BY id" + database.ForUpdate,
                new { organizationId, attachmentId }, t).ConfigureAwait(false));
        }

        return invoices;
    }
}
