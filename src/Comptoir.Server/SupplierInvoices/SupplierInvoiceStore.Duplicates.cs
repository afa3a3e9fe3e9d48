using System.Data.Common;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.SupplierInvoices;

// has_duplicates: an invoice is a duplicate while another invoice of its organization, neither of them discarded,
// has the same number from the same supplier (VAT number, registration number or name). Every change that can make
// or unmake such a pair (the analysis, an edit, a discard) recomputes the flag of each invoice concerned.
public sealed partial class SupplierInvoiceStore
{
    private const string SameNumber = "s.organization_id = @organizationId AND (s.id = @id OR s.invoice_number = @before OR s.invoice_number = @after)";

    private const string DuplicatedSql =
        "SELECT s.id FROM supplier_invoices s WHERE " + SameNumber + " AND s.status <> @discarded AND EXISTS (" +
        "SELECT 1 FROM supplier_invoices o WHERE o.organization_id = s.organization_id AND o.id <> s.id AND o.status <> @discarded AND o.invoice_number = s.invoice_number AND (" +
        "(o.vat_number IS NOT NULL AND o.vat_number = s.vat_number) OR (o.tin IS NOT NULL AND o.tin = s.tin) " +
        "OR (o.supplier_name_search IS NOT NULL AND o.supplier_name_search = s.supplier_name_search)))";

    /// <summary>
    /// Recomputes has_duplicates, after <paramref name="invoice"/> was written, for it and for every invoice that
    /// shares its number before (<paramref name="numberBefore"/>) or after the change: the group it left and the one it
    /// joined. Each other invoice whose flag changes moves its updated_at and records its event; the caller records
    /// <paramref name="invoice"/>'s, whose flag is set here. Runs in the caller's transaction.
    /// </summary>
    private static async Task RecomputeDuplicatesAsync(DbConnection c, DbTransaction t, SupplierInvoiceRow invoice, string? numberBefore, string now)
    {
        var parameters = new { organizationId = invoice.OrganizationId, id = invoice.Id, before = numberBefore, after = invoice.InvoiceNumber, discarded = SupplierInvoiceStatus.Discarded };
        var concerned = (await c.QueryAsync<SupplierInvoiceRow>("SELECT s.* FROM supplier_invoices s WHERE " + SameNumber, parameters, t).ConfigureAwait(false)).AsList();
        var duplicated = (await c.QueryAsync<string>(DuplicatedSql, parameters, t).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

        // One statement per row: a handful of rows, and each statement stays one compiled text.
        foreach (var row in concerned.Where(r => r.HasDuplicates != duplicated.Contains(r.Id)))
        {
            var self = row.Id == invoice.Id;
            var changed = self ? invoice : row;
            changed.HasDuplicates = duplicated.Contains(row.Id);
            changed.UpdatedAt = now;
            await c.ExecuteAsync("UPDATE supplier_invoices SET has_duplicates = @HasDuplicates, updated_at = @UpdatedAt WHERE id = @Id", changed, t).ConfigureAwait(false);
            if (!self)
            {
                await SupplierInvoiceEvents.RecordAsync(c, t, changed, WebhookEventNames.Updated).ConfigureAwait(false);
            }
        }
    }
}
