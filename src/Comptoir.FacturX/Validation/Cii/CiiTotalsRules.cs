using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>Document totals (BG-22): BR-12 to BR-15, BR-53, BR-CO-10 to BR-CO-14, BR-CO-16, BR-DEC-09 to BR-DEC-18.</summary>
internal static class CiiTotalsRules
{
    public static void Check(CiiDocument d, FindingCollector f)
    {
        foreach (var totals in d.All(Summation))
        {
            f.Require(totals.Element(LineTotalAmount) is not null, Br12, totals);
            f.Require(totals.Element(TaxBasisTotalAmount) is not null, Br13, totals);
            f.Require(totals.Element(GrandTotalAmount) is not null, Br14, totals);
            f.Require(totals.Element(DuePayableAmount) is not null, Br15, totals);
            f.Require(TaxCurrencyTotalGiven(d, totals), Br53, totals);
            f.Require(LineTotalIsSumOfLines(totals), BrCo10, totals);
            f.Require(DocumentSumMatches(d, totals, AllowanceTotalAmount, charge: false), BrCo11, totals);
            f.Require(DocumentSumMatches(d, totals, ChargeTotalAmount, charge: true), BrCo12, totals);
            f.Require(TaxBasisIsLinesLessAllowancesPlusCharges(totals), BrCo13, totals);
            f.Require(DueIsGrandLessPrepaidPlusRounding(totals), BrCo16, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(LineTotalAmount)), BrDec09, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(AllowanceTotalAmount)), BrDec10, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(ChargeTotalAmount)), BrDec11, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(TaxBasisTotalAmount)), BrDec12, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(GrandTotalAmount)), BrDec14, totals);
            f.Require(TaxTotalInCents(totals, d.InvoiceCurrencies, requireCurrencyGiven: false), BrDec13, totals);
            f.Require(TaxTotalInCents(totals, d.TaxCurrencies, requireCurrencyGiven: true), BrDec15, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(TotalPrepaidAmount)), BrDec16, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(RoundingAmount)), BrDec17, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(DuePayableAmount)), BrDec18, totals);
        }

        var invoiceCurrencies = d.InvoiceCurrencies.Select(c => c.Value).ToList();
        foreach (var taxTotal in d.All(TaxTotalAmount).Where(t => t.Parent?.Name == Summation && invoiceCurrencies.Contains((string?)t.Attribute("currencyID") ?? "\u0000")))
        {
            var sum = XsValues.Sum(d.VatBreakdown.Elements(CalculatedAmount));
            f.Require(XsValues.Double(taxTotal.Value) == XsValues.Cents(sum), BrCo14, taxTotal);
        }
    }

    private static bool TaxCurrencyTotalGiven(CiiDocument d, XElement totals)
    {
        var taxCurrencies = d.TaxCurrencies.Select(c => c.Value).ToList();
        if (taxCurrencies.Count == 0)
        {
            return true;
        }

        var invoiceCurrencies = d.InvoiceCurrencies.Select(c => c.Value).ToList();
        var totalInTaxCurrency = totals.Elements(TaxTotalAmount).Any(t => taxCurrencies.Contains((string?)t.Attribute("currencyID") ?? "\u0000"));
        return totalInTaxCurrency && !taxCurrencies.Any(invoiceCurrencies.Contains);
    }

    /// <summary>BT-106 = round(Σ BT-131 * 100) / 100; the sum is taken in double, then compared as decimal.</summary>
    private static bool LineTotalIsSumOfLines(XElement totals)
    {
        var stated = XsValues.Decimal(totals.Element(LineTotalAmount));
        // Added in document order, as Σ does: a double sum depends on the order.
        var sum = 0d;
        foreach (var line in totals.Parent?.Parent?.Elements(LineItem) ?? [])
        {
            foreach (var settlement in line.Children(LineSettlement))
            {
                foreach (var summation in settlement.Children(LineSummation))
                {
                    foreach (var amount in summation.Children(LineTotalAmount))
                    {
                        sum += XsValues.Double(amount.Value) ?? double.NaN;
                    }
                }
            }
        }

        return stated is { } value && double.IsFinite(sum) && value == XsValues.Round(XsValues.ToDecimal(sum) * 100m) / 100m;
    }

    /// <summary>BR-CO-11 / BR-CO-12: no such allowances (charges) and no total, or the total = Σ amounts (double).</summary>
    private static bool DocumentSumMatches(CiiDocument d, XElement totals, XName totalName, bool charge)
    {
        var items = d.DocumentAllowanceCharges.Where(a => CiiDocument.IndicatorIs(a, charge)).ToList();
        if (items.Count == 0 && totals.Element(totalName) is null)
        {
            return true;
        }

        var sum = items.Sum(a => a.Elements(ActualAmount).Take(1).Sum(x => XsValues.Double(x.Value) ?? double.NaN));
        var expected = XsValues.Cents(sum);
        return totals.Elements(totalName).Any(t => XsValues.Double(t.Value) == expected);
    }

    private static bool TaxBasisIsLinesLessAllowancesPlusCharges(XElement totals)
    {
        var basis = XsValues.Decimal(totals.Elements(TaxBasisTotalAmount).FirstOrDefault());
        var lines = XsValues.Decimal(totals.Elements(LineTotalAmount).FirstOrDefault());
        var allowances = XsValues.Decimal(totals.Elements(AllowanceTotalAmount).FirstOrDefault());
        var charges = XsValues.Decimal(totals.Elements(ChargeTotalAmount).FirstOrDefault());
        var noCharges = totals.Element(ChargeTotalAmount) is null;
        var noAllowances = totals.Element(AllowanceTotalAmount) is null;
        if (basis is not { } b || lines is not { } l)
        {
            return false;
        }

        return (allowances is { } a1 && charges is { } c1 && b == XsValues.Cents(l - a1 + c1))
            || (allowances is { } a2 && noCharges && b == XsValues.Cents(l - a2))
            || (charges is { } c3 && noAllowances && b == XsValues.Cents(l + c3))
            || (noCharges && noAllowances && b == XsValues.Cents(l));
    }

    private static bool DueIsGrandLessPrepaidPlusRounding(XElement totals)
    {
        var due = XsValues.Decimal(totals.Elements(DuePayableAmount).FirstOrDefault());
        var grand = XsValues.Decimal(totals.Elements(GrandTotalAmount).FirstOrDefault());
        var prepaid = XsValues.Decimal(totals.Elements(TotalPrepaidAmount).FirstOrDefault());
        var rounding = XsValues.Decimal(totals.Elements(RoundingAmount).FirstOrDefault());
        var noPrepaid = totals.Element(TotalPrepaidAmount) is null;
        var noRounding = totals.Element(RoundingAmount) is null;
        if (due is not { } d || grand is not { } g)
        {
            return false;
        }

        return (prepaid is { } p1 && rounding is { } r1 && d == g - p1 + r1)
            || (rounding is { } r2 && noPrepaid && d == g + r2)
            || (prepaid is { } p3 && noRounding && d == g - p3)
            || (noPrepaid && noRounding && d == g);
    }

    /// <summary>BR-DEC-13 / BR-DEC-15: some TaxTotalAmount is in whole cents in the currency, or in another currency.</summary>
    private static bool TaxTotalInCents(XElement totals, IEnumerable<XElement> currencies, bool requireCurrencyGiven)
    {
        var amounts = totals.Elements(TaxTotalAmount).ToList();
        if (amounts.Count == 0)
        {
            return true;
        }

        var codes = currencies.Select(c => c.Value).ToList();
        return amounts.Any(t =>
        {
            var inCurrency = codes.Contains((string?)t.Attribute("currencyID") ?? "\u0000");
            var value = XsValues.Double(t.Value);
            var inCents = value is { } v && v == XsValues.Round(v * 100) / 100;
            return (inCurrency && inCents) || (requireCurrencyGiven ? codes.Count == 0 : !inCurrency);
        });
    }
}
