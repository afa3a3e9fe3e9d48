using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>Invoice line rules (BG-25): BR-21 to BR-28, BR-64, BR-CO-04, BR-CO-18, BR-DEC-23, line allowances and
/// charges (BR-41 to BR-44), line period (BR-30, BR-CO-20), item attributes (BR-54) and classification (BR-65).</summary>
internal static class CiiLineRules
{
    public static void Check(CiiDocument d, FindingCollector f)
    {
        var hasVatBreakdown = d.Transaction is not null && d.All(Settlement).Any(s => s.Parent?.Name == SupplyChainTradeTransaction && s.Element(TradeTax) is not null);
        foreach (var line in d.All(LineItem))
        {
            var agreement = line.Element(LineAgreement);
            var settlement = line.Element(LineSettlement);
            var netPrice = Prices(agreement, NetPrice);
            var grossPrice = Prices(agreement, GrossPrice);
            var product = line.Element(Product);

            var (anyQuantity, anyUnit) = BilledQuantities(line);
            var firstNetAmount = FirstLineNetAmount(line);

            f.Require(XsValues.HasText(line.Element(LineDocument)?.Element(LineId)), Br21, line);
            f.Require(anyQuantity, Br22, line);
            f.Require(anyUnit, Br23, line);
            f.Require(firstNetAmount is not null, Br24, line);
            f.Require(XsValues.HasText(product?.Element(Name)), Br25, line);
            f.Require(netPrice.Any, Br26, line);
            f.Require(netPrice.AnyAtLeastZero, Br27, line);
            f.Require(grossPrice.AnyAtLeastZero || !grossPrice.Any, Br28, line);
            f.Require(product?.Element(GlobalId) is null || XsValues.HasText(product.Element(GlobalId)?.Attribute("schemeID")), Br64, line);
            f.Require(HasVatCategory(settlement), BrCo04, line);
            f.Require(hasVatBreakdown, BrCo18, line);
            f.Require(XsValues.AtMostTwoDecimals(firstNetAmount), BrDec23, line);
        }

        foreach (var indicator in d.All(ChargeIndicator).Where(i => i.Parent?.Name == AllowanceCharge && i.Parent.Parent?.Name == LineSettlement))
        {
            var allowanceCharge = indicator.Parent!;
            var hasReason = allowanceCharge.Element(Reason) is not null || allowanceCharge.Element(ReasonCode) is not null;
            var amount = allowanceCharge.Elements(ActualAmount).FirstOrDefault();
            if (CiiDocument.IndicatorText(indicator, "false"))
            {
                f.Require(amount is not null, Br41, indicator);
                f.Require(hasReason, Br42, indicator);
                f.Require(hasReason, BrCo23, indicator);
                f.Require(XsValues.AtMostTwoDecimals(amount), BrDec24, indicator);
                f.Require(XsValues.AtMostTwoDecimals(allowanceCharge.Element(BasisAmount)), BrDec25, indicator);
            }
            else if (CiiDocument.IndicatorText(indicator, "true"))
            {
                f.Require(amount is not null, Br43, indicator);
                f.Require(hasReason, Br44, indicator);
                f.Require(hasReason, BrCo24, indicator);
                f.Require(XsValues.AtMostTwoDecimals(amount), BrDec27, indicator);
                f.Require(XsValues.AtMostTwoDecimals(allowanceCharge.Element(BasisAmount)), BrDec28, indicator);
            }
        }

        foreach (var period in d.All(BillingPeriod).Where(p => p.Parent?.Name == LineSettlement))
        {
            f.Require(PeriodEndsAfterStart(period), Br30, period);
            f.Require(period.Element(StartDateTime) is not null || period.Element(EndDateTime) is not null, BrCo20, period);
        }

        foreach (var characteristic in d.All(ProductCharacteristic))
        {
            f.Require(characteristic.Element(Description) is not null && characteristic.Element(Value) is not null, Br54, characteristic);
        }

        foreach (var classification in d.All(ProductClassification))
        {
            f.Require(classification.Element(ClassCode) is null || XsValues.HasText(classification.Element(ClassCode)?.Attribute("listID")), Br65, classification);
        }
    }

    // The per-line tests below walk the children with plain loops: the LINQ chains they replace allocated an
    // iterator per step, for every line.

    /// <summary>Whether the line agreement has a price/ram:ChargeAmount (net or gross price), and one that casts to a number >= 0.</summary>
    private static (bool Any, bool AnyAtLeastZero) Prices(XElement? agreement, XName price)
    {
        var any = false;
        foreach (var priceElement in agreement.Children(price))
        {
            foreach (var amount in priceElement.Children(ChargeAmount))
            {
                any = true;
                if (XsValues.Double(amount.Value) is >= 0)
                {
                    return (true, true);
                }
            }
        }

        return (any, false);
    }

    /// <summary>Whether the line has a ram:SpecifiedLineTradeDelivery/ram:BilledQuantity, and one with @unitCode.</summary>
    private static (bool Any, bool AnyWithUnit) BilledQuantities(XElement line)
    {
        var any = false;
        foreach (var delivery in line.Children(LineDelivery))
        {
            foreach (var quantity in delivery.Children(BilledQuantity))
            {
                any = true;
                if (quantity.Attribute("unitCode") is not null)
                {
                    return (true, true);
                }
            }
        }

        return (any, false);
    }

    /// <summary>The first of <see cref="LineNetAmounts"/>, or null.</summary>
    private static XElement? FirstLineNetAmount(XElement line)
    {
        foreach (var settlement in line.Children(LineSettlement))
        {
            foreach (var summation in settlement.Children(LineSummation))
            {
                if (summation.Element(LineTotalAmount) is { } amount)
                {
                    return amount;
                }
            }
        }

        return null;
    }

    /// <summary>ram:ApplicableTradeTax[VAT]/ram:CategoryCode exists in the line's settlement (BR-CO-04).</summary>
    private static bool HasVatCategory(XElement? settlement)
    {
        if (settlement is null)
        {
            return false;
        }

        foreach (var tax in settlement.Children(TradeTax))
        {
            if (CiiDocument.IsVat(tax) && tax.Element(CategoryCode) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount.</summary>
    public static IEnumerable<XElement> LineNetAmounts(XElement line) =>
        line.Elements(LineSettlement).Elements(LineSummation).Elements(LineTotalAmount);

    /// <summary>BR-29 / BR-30: end >= start as strings (format 102), or one of them absent.</summary>
    public static bool PeriodEndsAfterStart(XElement period)
    {
        if (period.Element(EndDateTime) is null || period.Element(StartDateTime) is null)
        {
            return true;
        }

        var ends = period.Elements(EndDateTime).Elements(DateTimeString).Where(s => (string?)s.Attribute("format") == "102").Select(s => s.Value);
        var starts = period.Elements(StartDateTime).Elements(DateTimeString).Where(s => (string?)s.Attribute("format") == "102").Select(s => s.Value).ToList();
        return ends.Any(end => starts.Any(start => string.CompareOrdinal(end, start) >= 0));
    }
}
