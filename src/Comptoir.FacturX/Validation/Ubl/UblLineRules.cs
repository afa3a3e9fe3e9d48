using System.Globalization;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>Invoice line rules (BG-25) as bound to UBL: BR-21 to BR-28, BR-CO-04, BR-DEC-23, line allowances and
/// charges (BR-41 to BR-44), line period (BR-30, BR-CO-20), item attributes (BR-54), classification (BR-65) and
/// standard identifier (BR-64).</summary>
internal static class UblLineRules
{
    public static void Check(UblDocument d, FindingCollector f)
    {
        foreach (var line in d.All(InvoiceLine).Concat(d.All(CreditNoteLine)))
        {
            var prices = line.Elements(Price).Elements(PriceAmount).ToList();
            var grossBases = line.Elements(Price).Elements(AllowanceCharge).Elements(BaseAmount).ToList();
            f.Require(XsValues.HasText(line.Element(Id)), Br21, line);
            f.Require(line.Element(InvoicedQuantity) is not null || line.Element(CreditedQuantity) is not null, Br22, line);
            f.Require(line.Elements(InvoicedQuantity).Concat(line.Elements(CreditedQuantity)).Any(q => q.Attribute("unitCode") is not null), Br23, line);
            f.Require(line.Element(LineExtensionAmount) is not null, Br24, line);
            f.Require(XsValues.HasText(line.Elements(Item).Elements(Name).FirstOrDefault()), Br25, line);
            f.Require(prices.Count > 0, Br26, line);
            f.Require(XsValues.AnyAtLeast(prices, 0), Br27, line);
            f.Require(XsValues.AnyAtLeast(grossBases, 0) || grossBases.Count == 0, Br28, line);
            f.Require(line.Elements(Item).Elements(ClassifiedTaxCategory).Where(UblDocument.IsVat).Elements(Id).Any(), BrCo04, line);
            f.Require(XsValues.AtMostTwoDecimals(line.Element(LineExtensionAmount)), BrDec23, line);
        }

        foreach (var allowanceCharge in d.All(AllowanceCharge).Where(a => a.Parent?.Name == InvoiceLine || a.Parent?.Name == CreditNoteLine))
        {
            var hasReason = allowanceCharge.Element(AllowanceChargeReason) is not null || allowanceCharge.Element(AllowanceChargeReasonCode) is not null;
            var amount = allowanceCharge.Element(Amount);
            if (UblDocument.IndicatorIs(allowanceCharge, charge: false))
            {
                f.Require(amount is not null, Br41, allowanceCharge);
                f.Require(hasReason, Br42, allowanceCharge);
                f.Require(hasReason, BrCo23, allowanceCharge);
                f.Require(XsValues.AtMostTwoDecimals(amount), BrDec24, allowanceCharge);
                f.Require(XsValues.AtMostTwoDecimals(allowanceCharge.Element(BaseAmount)), BrDec25, allowanceCharge);
            }
            else if (UblDocument.IndicatorIs(allowanceCharge, charge: true))
            {
                f.Require(amount is not null, Br43, allowanceCharge);
                f.Require(hasReason, Br44, allowanceCharge);
                f.Require(hasReason, BrCo24, allowanceCharge);
                f.Require(XsValues.AtMostTwoDecimals(amount), BrDec27, allowanceCharge);
                f.Require(XsValues.AtMostTwoDecimals(allowanceCharge.Element(BaseAmount)), BrDec28, allowanceCharge);
            }
        }

        foreach (var period in d.All(InvoicePeriod).Where(p => p.Parent?.Name == InvoiceLine || p.Parent?.Name == CreditNoteLine))
        {
            f.Require(PeriodEndsAfterStart(period), Br30, period);
            f.Require(period.Element(StartDate) is not null || period.Element(EndDate) is not null, BrCo20, period);
        }

        foreach (var property in d.All(AdditionalItemProperty))
        {
            f.Require(property.Element(Name) is not null && property.Element(Value) is not null, Br54, property);
        }

        foreach (var code in d.All(ItemClassificationCode).Where(c => c.Parent?.Name == CommodityClassification && IsLineItemChild(c.Parent)))
        {
            f.Require(code.Attribute("listID") is not null, Br65, code);
        }

        foreach (var id in d.All(Id).Where(i => i.Parent?.Name == StandardItemIdentification && IsLineItemChild(i.Parent)))
        {
            f.Require(id.Attribute("schemeID") is not null, Br64, id);
        }
    }

    /// <summary>BR-29 / BR-30: both dates given and end >= start (as xs:date), or one of them absent.</summary>
    public static bool PeriodEndsAfterStart(XElement period)
    {
        var start = period.Element(StartDate);
        var end = period.Element(EndDate);
        if (start is null || end is null)
        {
            return true;
        }

        return Date(end.Value) is { } e && Date(start.Value) is { } s && e >= s;
    }

    private static bool IsLineItemChild(XElement element) =>
        element.Parent?.Name == Item && element.Parent.Parent?.Name is { } line && (line == InvoiceLine || line == CreditNoteLine);

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(XsValues.NormalizeSpace(text), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
