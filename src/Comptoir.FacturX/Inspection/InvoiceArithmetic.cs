using Comptoir.Core.Money;
using Comptoir.FacturX.Reading;

namespace Comptoir.FacturX.Inspection;

/// <summary>The EN 16931 arithmetic rules on stated totals (BR-CO-10, 13, 14, 15, 16) and per-row VAT.</summary>
internal static class InvoiceArithmetic
{
    public static void Check(CiiInvoice invoice, List<Finding> findings)
    {
        var t = invoice.Totals;
        if (invoice.Lines.Count > 0 && t.LineTotal is { } lineTotal && invoice.Lines.All(l => l.LineTotal is not null))
        {
            var sum = invoice.Lines.Sum(l => l.LineTotal!.Value);
            Expect(findings, "BR-CO-10", "Sum of line net amounts (BT-106)", lineTotal, sum);
        }

        if (t.TaxBasis is { } basis && t.LineTotal is { } lines)
        {
            Expect(findings, "BR-CO-13", "Invoice total without VAT (BT-109)", basis, lines - (t.AllowanceTotal ?? 0m) + (t.ChargeTotal ?? 0m));
        }

        if (t.TaxTotal is { } taxTotal && invoice.VatBreakdown.Count > 0 && invoice.VatBreakdown.All(r => r.Tax is not null))
        {
            Expect(findings, "BR-CO-14", "Invoice total VAT amount (BT-110)", taxTotal, invoice.VatBreakdown.Sum(r => r.Tax!.Value));
        }

        if (t.GrandTotal is { } grand && t.TaxBasis is { } taxBasis)
        {
            Expect(findings, "BR-CO-15", "Invoice total with VAT (BT-112)", grand, taxBasis + (t.TaxTotal ?? 0m));
        }

        if (t.DuePayable is { } due && t.GrandTotal is { } grandTotal)
        {
            Expect(findings, "BR-CO-16", "Amount due for payment (BT-115)", due, grandTotal - (t.Prepaid ?? 0m) + (t.Rounding ?? 0m));
        }

        foreach (var row in invoice.VatBreakdown)
        {
            if (row.Basis is { } rowBasis && row.Tax is { } tax && row.RatePercent is { } rate)
            {
                Expect(findings, "BR-CO-17", $"VAT of category {row.CategoryCode} at {DecimalText.Plain(rate)} %", tax, Rounding.ToCents(rowBasis * rate / 100m));
            }
        }
    }

    private static void Expect(List<Finding> findings, string rule, string what, decimal stated, decimal computed)
    {
        if (stated != computed)
        {
            findings.Add(new Finding(rule, $"{what} is {DecimalText.Amount(stated)} but the figures give {DecimalText.Amount(computed)}."));
        }
    }
}
