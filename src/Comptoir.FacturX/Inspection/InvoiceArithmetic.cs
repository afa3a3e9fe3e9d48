using Comptoir.Core.Money;
using Comptoir.FacturX.Reading;

namespace Comptoir.FacturX.Inspection;

/// <summary>The EN 16931 arithmetic rules on stated totals (BR-CO-10, 13, 14, 15, 16) and per-row VAT.</summary>
public static class InvoiceArithmetic
{
    /// <summary>Adds a finding for every stated total that the figures contradict.</summary>
    public static void Check(CiiInvoice invoice, List<Finding> findings)
    {
        CheckLines(invoice, findings);
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
            // The official rule (EN 16931 1.3.x) accepts a difference of up to one currency unit, which lets currencies
            // without cents (HUF) round the tax to whole units.
            if (row.Basis is { } rowBasis && row.Tax is { } tax && row.RatePercent is { } rate
                && Math.Abs(Math.Abs(tax) - Rounding.ToCents(Math.Abs(rowBasis) * rate / 100m)) > 1m)
            {
                Expect(findings, "BR-CO-17", $"VAT of category {row.CategoryCode} at {DecimalText.Plain(rate)} %", tax, Rounding.ToCents(rowBasis * rate / 100m));
            }
        }
    }

    /// <summary>
    /// Line net = quantity x net price / base quantity + charges - allowances. EN 16931 does not fix where a line is
    /// rounded and lets gross prices and taxes other than VAT explain a difference (the official insurance samples
    /// do), so this is a warning: the figures disagree and a reader deserves to know, but the rules do not forbid it.
    /// </summary>
    private static void CheckLines(CiiInvoice invoice, List<Finding> findings)
    {
        foreach (var line in invoice.Lines)
        {
            if (line.Quantity is not { } quantity || line.NetPrice is not { } price || line.LineTotal is not { } stated)
            {
                continue;
            }

            var baseQuantity = line.BaseQuantity is { } b && b != 0m ? b : 1m;
            var computed = Rounding.ToCents(quantity * price / baseQuantity) + line.Charges - line.Allowances;
            if (Math.Abs(computed - stated) > 0.01m)
            {
                findings.Add(new Finding("LINE-NET", $"Line {line.Id}: net amount (BT-131) is {DecimalText.Amount(stated)} but {DecimalText.Plain(quantity)} x {DecimalText.Plain(price)} gives {DecimalText.Amount(computed)}.", IsError: false));
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
