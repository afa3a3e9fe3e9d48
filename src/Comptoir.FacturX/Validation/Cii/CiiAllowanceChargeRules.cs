using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>Document level allowances (BG-20: BR-31 to BR-33, BR-CO-05, BR-CO-21, BR-DEC-01/02) and charges
/// (BG-21: BR-36 to BR-38, BR-CO-06, BR-CO-22, BR-DEC-05/06).</summary>
internal static class CiiAllowanceChargeRules
{
    public static void Check(CiiDocument d, FindingCollector f)
    {
        foreach (var indicator in d.All(ChargeIndicator).Where(i => i.Parent?.Name == AllowanceCharge && i.Parent.Parent?.Name == Settlement))
        {
            var allowanceCharge = indicator.Parent!;
            var amount = allowanceCharge.Elements(ActualAmount).FirstOrDefault();
            var hasVatCategory = allowanceCharge.Elements(CategoryTradeTax).Where(t => CiiDocument.IsVat(t)).Elements(CategoryCode).Any();
            var hasReason = allowanceCharge.Element(Reason) is not null || allowanceCharge.Element(ReasonCode) is not null;
            var basisHasTwoDecimals = XsValues.AtMostTwoDecimals(allowanceCharge.Element(BasisAmount));
            if (CiiDocument.IndicatorText(indicator, "false"))
            {
                f.Require(amount is not null, Br31, indicator);
                f.Require(hasVatCategory, Br32, indicator);
                f.Require(hasReason, Br33, indicator);
                f.Require(hasReason, BrCo21, indicator);
                f.Require(XsValues.AtMostTwoDecimals(amount), BrDec01, indicator);
                f.Require(basisHasTwoDecimals, BrDec02, indicator);
            }
            else if (CiiDocument.IndicatorText(indicator, "true"))
            {
                f.Require(amount is not null, Br36, indicator);
                f.Require(hasVatCategory, Br37, indicator);
                f.Require(hasReason, Br38, indicator);
                f.Require(hasReason, BrCo22, indicator);
                f.Require(XsValues.AtMostTwoDecimals(amount), BrDec05, indicator);
                f.Require(basisHasTwoDecimals, BrDec06, indicator);
            }
        }
    }
}
