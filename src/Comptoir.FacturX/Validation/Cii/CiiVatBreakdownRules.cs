using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>
/// The rules on every VAT breakdown (BG-23): BR-45 to BR-48, BR-CO-03, BR-CO-17, BR-DEC-19/20. As in the official
/// Schematron, a breakdown of category O, L or M whose type is VAT is claimed by its category's rule and skips these.
/// </summary>
internal static class CiiVatBreakdownRules
{
    public static void Check(CiiDocument d, FindingCollector f)
    {
        var hasTaxPointDate = d.Any(TaxPointDate);
        var hasDueDateCode = d.Any(DueDateTypeCode);
        foreach (var tax in d.All(TradeTax).Where(t => t.Parent?.Name == Settlement))
        {
            if (ClaimedByCategoryRule(tax))
            {
                continue;
            }

            var isVat = CiiDocument.IsVat(tax);
            f.Require(tax.Element(BasisAmount) is not null, Br45, tax);
            f.Require(tax.Element(CalculatedAmount) is not null, Br46, tax);
            f.Require(isVat && tax.Element(CategoryCode) is not null, Br47, tax);
            f.Require(isVat && (tax.Element(RatePercent) is not null || CiiDocument.HasCategory(tax, "O")), Br48, tax);
            f.Require(!(hasTaxPointDate && hasDueDateCode), BrCo03, tax);
            f.Require(TaxIsBasisTimesRate(tax), BrCo17, tax);
            f.Require(XsValues.AtMostTwoDecimals(tax.Element(BasisAmount)), BrDec19, tax);
            f.Require(XsValues.AtMostTwoDecimals(tax.Element(CalculatedAmount)), BrDec20, tax);
        }
    }

    /// <summary>//rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax[CategoryCode = O|L|M][VAT].</summary>
    private static bool ClaimedByCategoryRule(XElement tax) =>
        tax.Parent?.Parent?.Name == SupplyChainTradeTransaction
        && CiiDocument.IsVat(tax)
        && (CiiDocument.HasCategory(tax, "O") || CiiDocument.HasCategory(tax, "L") || CiiDocument.HasCategory(tax, "M"));

    /// <summary>BR-CO-17: BT-117 = BT-116 x BT-119 / 100 within one unit, or zero when the rate is zero or absent.</summary>
    internal static bool TaxIsBasisTimesRate(XElement tax)
    {
        var isVat = XsValues.NormalizeSpace(tax.Element(TypeCodeName)?.Value).ToUpperInvariant() == "VAT";
        var rate = isVat ? XsValues.Decimal(tax.Element(RatePercent)) : null;
        var calculated = XsValues.Decimal(tax.Element(CalculatedAmount));
        var basis = XsValues.Decimal(tax.Element(BasisAmount));
        if (rate is { } r)
        {
            if (XsValues.Round(r) == 0)
            {
                return calculated is { } c0 && XsValues.Round(c0) == 0;
            }

            if (calculated is not { } c || basis is not { } b)
            {
                return false;
            }

            var expected = XsValues.Cents(Math.Abs(b) * (r / 100m));
            return Math.Abs(c) - 1 <= expected && Math.Abs(c) + 1 >= expected;
        }

        var rateGiven = isVat && tax.Element(RatePercent) is not null;
        return !rateGiven && calculated is { } c2 && XsValues.Round(c2) == 0;
    }
}
