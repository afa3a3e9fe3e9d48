using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.FacturX.ExtendedProfileRules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The document totals as EXTENDED checks them (BR-FXEXT-CO-10 to 16, BR-CO-25): sums of the detail lines only, and
/// a tolerance of one cent per amount summed. Each sum follows the official arithmetic: the amounts summed as
/// doubles, rounded to cents, then cast to xs:decimal; a missing total makes the rule fail (its "for" is empty).
/// </summary>
internal static class ExtendedProfileTotalsRules
{
    private static readonly XName LogisticsCharge = Ram + "SpecifiedLogisticsServiceCharge";

    private static readonly XName AppliedAmount = Ram + "AppliedAmount";

    private static readonly XName FinancialAdjustment = Ram + "SpecifiedFinancialAdjustment";

    private static readonly XName PaymentTerms = Ram + "SpecifiedTradePaymentTerms";

    private static readonly XName DueDate = Ram + "DueDateDateTime";

    private const decimal Cent = 0.01m;

    public static void Check(CiiDocument d, FindingCollector f)
    {
        var documentSettlement = d.Root.Elements(SupplyChainTradeTransaction).Elements(Settlement).ToList();
        var allowances = documentSettlement.Elements(AllowanceCharge).Where(a => CiiDocument.IndicatorTextOf(a, "false")).ToList();
        var charges = documentSettlement.Elements(AllowanceCharge).Where(a => CiiDocument.IndicatorTextOf(a, "true")).ToList();
        var allowanceSum = Cents(allowances.Elements(ActualAmount));
        var chargeSum = Add(CentsTimes100(charges.Elements(ActualAmount)), Cents(documentSettlement.Elements(LogisticsCharge).Elements(AppliedAmount)));
        foreach (var totals in d.All(Summation))
        {
            var settlement = totals.Parent;
            var lines = settlement?.Parent?.Elements(LineItem).ToList() ?? [];
            var detailLines = lines.Where(ExtendedProfileLineRules.IsDetailLine).ToList();
            var lineSum = CentsTimes100(detailLines.Elements(LineSettlement).Elements(LineSummation).Elements(LineTotalAmount));
            var allowanceCount = settlement?.Elements(AllowanceCharge).Count(a => CiiDocument.IndicatorTextOf(a, "false")) ?? 0;
            var chargeCount = (settlement?.Elements(AllowanceCharge).Count(a => CiiDocument.IndicatorTextOf(a, "true")) ?? 0) + (settlement?.Elements(LogisticsCharge).Count() ?? 0);
            var tolerance = Cent * (detailLines.Count + allowanceCount + chargeCount);

            f.Require(Within(First(totals, LineTotalAmount), lineSum, Cent * lines.Count), ExtCo10, totals);
            f.Require(
                (allowances.Count == 0 && totals.Element(AllowanceTotalAmount) is null) || Within(First(totals, AllowanceTotalAmount), allowanceSum, Cent * allowanceCount),
                ExtCo11,
                totals);
            f.Require(
                (charges.Count == 0 && totals.Element(ChargeTotalAmount) is null) || Within(First(totals, ChargeTotalAmount), chargeSum, Cent * chargeCount),
                ExtCo12,
                totals);

            var taxBasis = First(totals, TaxBasisTotalAmount);
            f.Require(
                taxBasis is { } basis && lineSum is { } lines131 && allowanceSum is { } sum92 && chargeSum is { } sum99 && Math.Abs(basis - lines131 + sum92 - sum99) <= tolerance,
                ExtCo13,
                totals);
            f.Require(TotalWithVatMatches(totals, taxBasis, tolerance), ExtCo15, totals);
            f.Require(DueAmountMatches(totals), ExtCo16, totals);
        }

        var due = d.All(DuePayableAmount).FirstOrDefault() is { } amount ? XsValues.Double(amount.Value) ?? double.NaN : double.NaN;
        f.Require(!(due > 0) || d.All(PaymentTerms).Any(t => t.Element(DueDate) is not null || t.Element(Description) is not null), BrCo25, d.Root);
    }

    /// <summary>BR-FXEXT-CO-15: one BT-110 in the invoice currency and BT-112 - BT-110 - BT-109 within the tolerance.</summary>
    private static bool TotalWithVatMatches(XElement totals, decimal? taxBasis, decimal tolerance)
    {
        var currency = totals.Parent?.Elements(InvoiceCurrencyCode).FirstOrDefault()?.Value;
        var taxTotals = totals.Elements(TaxTotalAmount).Where(t => currency is not null && (string?)t.Attribute("currencyID") == currency).ToList();
        if (currency is null || taxBasis is not { } basis || taxTotals.Count != 1 || XsValues.Decimal(taxTotals[0]) is not { } tax || First(totals, GrandTotalAmount) is not { } grand)
        {
            return false;
        }

        return Math.Abs(grand - tax - basis) <= tolerance;
    }

    /// <summary>BR-FXEXT-CO-16: BT-115 = BT-112 - BT-113 + BT-114 + the financial adjustments, in decimals.</summary>
    private static bool DueAmountMatches(XElement totals)
    {
        var due = First(totals, DuePayableAmount);
        var grand = XsValues.DecimalSum(totals.Elements(GrandTotalAmount));
        var prepaid = XsValues.DecimalSum(totals.Elements(TotalPrepaidAmount));
        var rounding = XsValues.DecimalSum(totals.Elements(RoundingAmount));
        var adjustments = XsValues.DecimalSum(totals.Parent?.Elements(FinancialAdjustment).Elements(ActualAmount) ?? []);
        return due is not null && grand is not null && prepaid is not null && rounding is not null && adjustments is not null
            && due == grand - prepaid + rounding + adjustments;
    }

    /// <summary>xs:decimal(child): the first such child as a decimal; null when absent or not a decimal.</summary>
    private static decimal? First(XElement parent, XName child) => XsValues.Decimal(parent.Element(child));

    private static bool Within(decimal? total, decimal? calculated, decimal tolerance) =>
        total is { } t && calculated is { } c && Math.Abs(t - c) <= tolerance;

    /// <summary>xs:decimal(round(sum(amounts) * 100) div 100), the sum in doubles; null when it is not a number.</summary>
    private static decimal? CentsTimes100(IEnumerable<XElement> amounts) => ToDecimal(XsValues.Round(XsValues.Sum(amounts) * 100) / 100);

    /// <summary>xs:decimal(round(sum(amounts) * 10 * 10) div 100), the sum in doubles.</summary>
    private static decimal? Cents(IEnumerable<XElement> amounts) => ToDecimal(XsValues.Cents(XsValues.Sum(amounts)));

    private static decimal? ToDecimal(double value) => double.IsFinite(value) ? XsValues.ToDecimal(value) : null;

    private static decimal? Add(decimal? a, decimal? b) => a is { } x && b is { } y ? x + y : null;
}
