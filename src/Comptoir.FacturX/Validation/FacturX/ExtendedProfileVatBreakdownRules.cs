using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.FacturX.ExtendedProfileRules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The VAT breakdown rules of EXTENDED (BR-FXEXT-*-08b, -08ini, -08rev and BR-FXEXT-S-09b): a breakdown's taxable
/// amount is the sum of the detail lines, document allowances and charges and logistics charges of its category and
/// rate, within a cent per amount summed. The "ini" sum reads category and rate only; the "rev" sum also asks for
/// the breakdown's exemption reason text and code (space-normalised); "b" holds when either does. Category O has
/// no rate. Every amount is an xs:decimal, every sum rounded to cents.
/// </summary>
internal static class ExtendedProfileVatBreakdownRules
{
    private static readonly (string Category, Rule Both, Rule Initial, Rule Revised)[] Categories =
    [
        ("AE", ExtAe08b, ExtAe08ini, ExtAe08rev),
        ("E", ExtE08b, ExtE08ini, ExtE08rev),
        ("G", ExtG08b, ExtG08ini, ExtG08rev),
        ("K", ExtIc08b, ExtIc08ini, ExtIc08rev),
        ("L", ExtAf08b, ExtAf08ini, ExtAf08rev),
        ("M", ExtAg08b, ExtAg08ini, ExtAg08rev),
        ("O", ExtO08b, ExtO08ini, ExtO08rev),
        ("S", ExtS08b, ExtS08ini, ExtS08rev),
        ("Z", ExtZ08b, ExtZ08ini, ExtZ08rev),
    ];

    private static readonly XName LogisticsCharge = Ram + "SpecifiedLogisticsServiceCharge";

    private static readonly XName AppliedTradeTax = Ram + "AppliedTradeTax";

    private static readonly XName AppliedAmount = Ram + "AppliedAmount";

    public static void Check(CiiDocument d, FindingCollector f)
    {
        var breakdowns = d.All(TradeTax).Where(t => t.Parent?.Name == Settlement).ToList();
        var documentSettlement = d.Root.Elements(SupplyChainTradeTransaction).Elements(Settlement).ToList();
        var parts = new DocumentParts(
            d.Root.Elements(SupplyChainTradeTransaction).Elements(LineItem).Where(ExtendedProfileLineRules.IsDetailLine).ToList(),
            documentSettlement.Elements(AllowanceCharge).ToList(),
            documentSettlement.Elements(LogisticsCharge).ToList());
        foreach (var (category, both, initial, revised) in Categories)
        {
            foreach (var breakdown in breakdowns.Where(t => CiiDocument.HasCategory(t, category) && CiiDocument.IsVat(t)))
            {
                var key = Key.Of(breakdown, category, withRate: category != "O");
                var initialHolds = key is not null && parts.TaxableAmountMatches(breakdown, key with { Exemption = false });
                var revisedHolds = key is not null && parts.TaxableAmountMatches(breakdown, key);
                f.Require(initialHolds || revisedHolds, both, breakdown);
                f.Require(initialHolds, initial, breakdown);
                f.Require(revisedHolds, revised, breakdown);
            }
        }

        foreach (var breakdown in breakdowns.Where(t => CiiDocument.HasCategory(t, "S")))
        {
            f.Require(Key.Of(breakdown, "S", withRate: true) is { } key && parts.TaxAmountMatches(breakdown, key), ExtS09b, breakdown);
        }
    }

    /// <summary>What a tax must match: the category, the rate (unless O) and, for the "rev" sums, the exemption reason.</summary>
    private sealed record Key(string Category, decimal? Rate, string ReasonText, string ReasonCode, bool Exemption)
    {
        /// <summary>The breakdown's key; null when the official "for" is empty (no rate where one is read, no basis).</summary>
        public static Key? Of(XElement breakdown, string category, bool withRate)
        {
            decimal? rate = null;
            if (withRate && (rate = XsValues.Decimal(breakdown.Element(RatePercent))) is null)
            {
                return null;
            }

            if (XsValues.Decimal(breakdown.Element(BasisAmount)) is null)
            {
                return null;
            }

            return new Key(category, rate, Normalized(breakdown.Elements(ExemptionReason)), Normalized(breakdown.Elements(ExemptionReasonCode)), Exemption: true);
        }

        /// <summary>The holder's taxes (a line's, an allowance's, a logistics charge's) match, each part as a general comparison.</summary>
        public bool Matches(IReadOnlyList<XElement> taxes) =>
            taxes.Any(t => CiiDocument.HasCategory(t, Category))
            && (Rate is not { } rate || taxes.Any(t => t.Elements(RatePercent).Any(r => XsValues.Decimal(r) == rate)))
            && (!Exemption || (Normalized(taxes.Elements(ExemptionReasonCode)) == ReasonCode && Normalized(taxes.Elements(ExemptionReason)) == ReasonText));

        private static string Normalized(IEnumerable<XElement> elements) => XsValues.NormalizeSpace(elements.FirstOrDefault()?.Value);
    }

    private sealed record DocumentParts(List<XElement> DetailLines, List<XElement> AllowanceCharges, List<XElement> LogisticsCharges)
    {
        /// <summary>abs(BT-116 - lines + allowances - charges - logistics charges) &lt;= 0.01 * the number of amounts summed.</summary>
        public bool TaxableAmountMatches(XElement breakdown, Key key)
        {
            var basis = XsValues.Decimal(breakdown.Element(BasisAmount))!.Value;
            var lines = DetailLines.Where(l => key.Matches(l.Elements(LineSettlement).Elements(TradeTax).ToList())).ToList();
            var lineSettlements = DetailLines.Elements(LineSettlement).Where(s => key.Matches(s.Elements(TradeTax).ToList()));
            var allowanceCharges = AllowanceCharges.Where(a => key.Matches(a.Elements(CategoryTradeTax).ToList())).ToList();
            var logistics = LogisticsCharges.Where(l => key.Matches(l.Elements(AppliedTradeTax).ToList())).ToList();
            try
            {
                var lineSum = CentsOfSum(lineSettlements.Elements(LineSummation).Elements(LineTotalAmount));
                var allowanceSum = CentsOfSum(allowanceCharges.Where(a => CiiDocument.IndicatorIs(a, false)).Elements(ActualAmount));
                var chargeSum = CentsOfSum(allowanceCharges.Where(a => CiiDocument.IndicatorIs(a, true)).Elements(ActualAmount));
                var logisticsSum = CentsOfSum(logistics.Elements(AppliedAmount));
                return lineSum is { } l && allowanceSum is { } a && chargeSum is { } c && logisticsSum is { } s
                    && Math.Abs(basis - l + a - c - s) <= 0.01m * (lines.Count + allowanceCharges.Count + logistics.Count);
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        /// <summary>BR-FXEXT-S-09b: abs(BT-117 - round(BT-116 * rate / 100, 2)) &lt;= 0.01 * the number of amounts of the category and rate.</summary>
        public bool TaxAmountMatches(XElement breakdown, Key key)
        {
            if (XsValues.Decimal(breakdown.Element(CalculatedAmount)) is not { } tax)
            {
                return false;
            }

            try
            {
                var basis = XsValues.Decimal(breakdown.Element(BasisAmount))!.Value;
                var difference = Math.Abs(tax - XsValues.Cents(basis * key.Rate!.Value / 100)); // round(basis * rate div 100 * 100) div 100
                return difference <= 0.01m * Count(key) || difference <= 0.01m * Count(key with { Exemption = false });
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        private int Count(Key key) =>
            DetailLines.Count(l => key.Matches(l.Elements(LineSettlement).Elements(TradeTax).ToList()))
            + AllowanceCharges.Count(a => key.Matches(a.Elements(CategoryTradeTax).ToList()))
            + LogisticsCharges.Count(l => key.Matches(l.Elements(AppliedTradeTax).ToList()));

        /// <summary>round(sum(amounts/xs:decimal(.)) * 100) div 100; null when an amount is not a decimal.</summary>
        private static decimal? CentsOfSum(IEnumerable<XElement> amounts) => XsValues.DecimalSum(amounts) is { } sum ? XsValues.Cents(sum) : null;
    }
}
