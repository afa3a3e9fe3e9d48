using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>Document totals (BG-22) as bound to UBL: BR-12 to BR-15, BR-CO-10 to BR-CO-14, BR-CO-16, BR-DEC-09 to
/// BR-DEC-18 (but 13 and 15, see <see cref="UblInvoiceRules"/>).</summary>
internal static class UblTotalsRules
{
    public static void Check(UblDocument d, FindingCollector f)
    {
        foreach (var totals in d.All(LegalMonetaryTotal))
        {
            f.Require(totals.Element(LineExtensionAmount) is not null, Br12, totals);
            f.Require(totals.Element(TaxExclusiveAmount) is not null, Br13, totals);
            f.Require(totals.Element(TaxInclusiveAmount) is not null, Br14, totals);
            f.Require(totals.Element(PayableAmount) is not null, Br15, totals);
            f.Require(LineTotalIsSumOfLines(d, totals), BrCo10, totals);
            f.Require(DocumentSumMatches(totals, AllowanceTotalAmount, charge: false), BrCo11, totals);
            f.Require(DocumentSumMatches(totals, ChargeTotalAmount, charge: true), BrCo12, totals);
            f.Require(TaxExclusiveIsLinesLessAllowancesPlusCharges(totals), BrCo13, totals);
            f.Require(PayableIsInclusiveLessPrepaidPlusRounding(totals), BrCo16, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(LineExtensionAmount)), BrDec09, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(AllowanceTotalAmount)), BrDec10, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(ChargeTotalAmount)), BrDec11, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(TaxExclusiveAmount)), BrDec12, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(TaxInclusiveAmount)), BrDec14, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(PrepaidAmount)), BrDec16, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(PayableRoundingAmount)), BrDec17, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(PayableAmount)), BrDec18, totals);
        }

        foreach (var taxTotal in d.Root.Elements(TaxTotal))
        {
            var subtotals = taxTotal.Elements(TaxSubtotal).ToList();
            var sum = subtotals.Elements(TaxAmount).Sum(a => XsValues.Decimal(a.Value) ?? 0m);
            var stated = taxTotal.Elements(TaxAmount).ToList();
            f.Require(subtotals.Count == 0 || (stated.Count == 1 && XsValues.Decimal(stated[0]) == XsValues.Cents(sum)), BrCo14, taxTotal);
        }
    }

    private static bool LineTotalIsSumOfLines(UblDocument d, XElement totals)
    {
        var lines = d.All(InvoiceLine).Concat(d.All(CreditNoteLine)).Elements(LineExtensionAmount).Sum(a => XsValues.Decimal(a.Value) ?? 0m);
        return XsValues.Decimal(totals.Element(LineExtensionAmount)) is { } stated && stated == XsValues.Cents(lines);
    }

    private static bool DocumentSumMatches(XElement totals, XName totalName, bool charge)
    {
        var items = totals.Parent?.Elements(AllowanceCharge).Where(a => UblDocument.IndicatorIs(a, charge)).ToList() ?? [];
        var total = totals.Element(totalName);
        if (total is null && items.Count == 0)
        {
            return true;
        }

        var sum = items.Elements(Amount).Sum(a => XsValues.Decimal(a.Value) ?? 0m);
        return XsValues.Decimal(total) is { } stated && stated == XsValues.Cents(sum);
    }

    private static bool TaxExclusiveIsLinesLessAllowancesPlusCharges(XElement totals)
    {
        var exclusive = XsValues.Decimal(totals.Element(TaxExclusiveAmount));
        var lines = XsValues.Decimal(totals.Element(LineExtensionAmount));
        var hasCharges = totals.Element(ChargeTotalAmount) is not null;
        var hasAllowances = totals.Element(AllowanceTotalAmount) is not null;
        var charges = XsValues.Decimal(totals.Element(ChargeTotalAmount));
        var allowances = XsValues.Decimal(totals.Element(AllowanceTotalAmount));
        if (exclusive is not { } e || lines is not { } l)
        {
            return false;
        }

        return (hasCharges, hasAllowances) switch
        {
            (true, true) => charges is { } c && allowances is { } a && e == XsValues.Cents(l + c - a),
            (false, true) => allowances is { } a2 && e == XsValues.Cents(l - a2),
            (true, false) => charges is { } c2 && e == XsValues.Cents(l + c2),
            _ => e == l,
        };
    }

    private static bool PayableIsInclusiveLessPrepaidPlusRounding(XElement totals)
    {
        var payable = XsValues.Decimal(totals.Element(PayableAmount));
        var inclusive = XsValues.Decimal(totals.Element(TaxInclusiveAmount));
        var prepaid = XsValues.Decimal(totals.Element(PrepaidAmount));
        var rounding = XsValues.Decimal(totals.Element(PayableRoundingAmount));
        var hasPrepaid = totals.Element(PrepaidAmount) is not null;
        var hasRounding = totals.Element(PayableRoundingAmount) is not null;
        if (payable is not { } p || inclusive is not { } i)
        {
            return false;
        }

        return (hasPrepaid, hasRounding) switch
        {
            (true, false) => prepaid is { } pre && p == XsValues.Cents(i - pre),
            (false, false) => p == i,
            (true, true) => prepaid is { } pre2 && rounding is { } r && XsValues.Cents(p - r) == XsValues.Cents(i - pre2),
            (false, true) => rounding is { } r2 && XsValues.Cents(p - r2) == i,
        };
    }
}
