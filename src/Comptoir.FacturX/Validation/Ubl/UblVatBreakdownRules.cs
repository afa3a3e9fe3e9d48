using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>The rules on every VAT breakdown (BG-23, cac:TaxTotal/cac:TaxSubtotal) as bound to UBL: BR-45 to BR-48,
/// BR-CO-17, BR-DEC-19/20.</summary>
internal static class UblVatBreakdownRules
{
    public static void Check(UblDocument d, FindingCollector f)
    {
        foreach (var subtotal in d.All(TaxSubtotal).Where(s => s.Parent?.Name == TaxTotal))
        {
            var vatCategories = subtotal.Elements(TaxCategory).Where(UblDocument.IsVat).ToList();
            f.Require(subtotal.Element(TaxableAmount) is not null, Br45, subtotal);
            f.Require(subtotal.Element(TaxAmount) is not null, Br46, subtotal);
            f.Require(vatCategories.Elements(Id).Any(), Br47, subtotal);
            f.Require(vatCategories.Elements(Percent).Any() || vatCategories.Any(c => XsValues.NormalizeSpace(c.Element(Id)?.Value) == "O"), Br48, subtotal);
            f.Require(TaxIsBasisTimesRate(subtotal, vatCategories), BrCo17, subtotal);
            f.Require(XsValues.AtMostTwoDecimals(subtotal.Element(TaxableAmount)), BrDec19, subtotal);
            f.Require(XsValues.AtMostTwoDecimals(subtotal.Element(TaxAmount)), BrDec20, subtotal);
        }
    }

    /// <summary>BR-CO-17: |BT-117| strictly within one unit of BT-116 x BT-119 / 100 rounded, or zero at a zero or absent rate.</summary>
    private static bool TaxIsBasisTimesRate(XElement subtotal, IReadOnlyList<XElement> vatCategories)
    {
        var rates = vatCategories.Elements(Percent).ToList();
        var tax = XsValues.Decimal(subtotal.Element(TaxAmount));
        var basis = XsValues.Decimal(subtotal.Element(TaxableAmount));
        if (rates.Count == 0)
        {
            return tax is { } t0 && XsValues.Round(t0) == 0;
        }

        if (XsValues.Decimal(rates[0]) is not { } rate)
        {
            return false;
        }

        if (XsValues.Round(rate) == 0)
        {
            return tax is { } t1 && XsValues.Round(t1) == 0;
        }

        if (tax is not { } t || basis is not { } b)
        {
            return false;
        }

        var expected = XsValues.Cents(Math.Abs(b) * (rate / 100m));
        return Math.Abs(t) - 1 < expected && Math.Abs(t) + 1 > expected;
    }
}
