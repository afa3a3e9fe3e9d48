namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// Completes the totals a page did not label from those it did: HT + TVA = TTC, the amount due is the TTC when not
/// printed apart (and the other way round), and a "TVA non applicable" invoice has a VAT of zero and a net equal to
/// its total. Otherwise values read are never changed.
/// </summary>
internal static class TotalArithmetic
{
    public static InvoiceTextFields Complete(InvoiceTextFields fields, bool noVat)
    {
        var (ttc, ht, vat, due) = (fields.TotalIncludingVat, fields.TotalExcludingVat, fields.VatAmount, fields.AmountDue);
        ttc ??= due;
        if (noVat && ttc is not null)
        {
            // Without VAT the total is the net: a "Total HT" read under a lines table's header is a line, not the total.
            (vat, ht) = (0m, ttc);
        }

        if (vat is null && ttc is not null && ht is not null && ttc >= ht)
        {
            vat = ttc - ht;
        }
        else if (ht is null && ttc is not null && vat is not null && ttc >= vat)
        {
            ht = ttc - vat;
        }
        else if (ttc is null && ht is not null && vat is not null)
        {
            ttc = ht + vat;
        }

        return fields with { TotalIncludingVat = ttc, TotalExcludingVat = ht, VatAmount = vat, AmountDue = due ?? ttc };
    }
}
