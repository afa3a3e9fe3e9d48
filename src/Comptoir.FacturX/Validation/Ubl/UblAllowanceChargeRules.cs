using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>Document level allowances (BG-20) and charges (BG-21) as bound to UBL: BR-31 to BR-33, BR-36 to BR-38,
/// BR-CO-05/06, BR-CO-21/22, BR-DEC-01/02, BR-DEC-05/06.</summary>
internal static class UblAllowanceChargeRules
{
    public static void Check(UblDocument d, FindingCollector f)
    {
        foreach (var allowanceCharge in d.DocumentAllowanceCharges)
        {
            var amount = allowanceCharge.Element(Amount);
            var hasCategory = allowanceCharge.Elements(TaxCategory).Where(UblDocument.IsVat).Elements(Id).Any();
            var hasReason = allowanceCharge.Element(AllowanceChargeReason) is not null || allowanceCharge.Element(AllowanceChargeReasonCode) is not null;
            if (UblDocument.IndicatorIs(allowanceCharge, charge: false))
            {
                f.Require(amount is not null, Br31, allowanceCharge);
                f.Require(hasCategory, Br32, allowanceCharge);
                f.Require(hasReason, Br33, allowanceCharge);
                f.Require(hasReason, BrCo21, allowanceCharge);
                f.Require(XsValues.AtMostTwoDecimals(amount), BrDec01, allowanceCharge);
                f.Require(XsValues.AtMostTwoDecimals(allowanceCharge.Element(BaseAmount)), BrDec02, allowanceCharge);
            }
            else if (UblDocument.IndicatorIs(allowanceCharge, charge: true))
            {
                f.Require(amount is not null, Br36, allowanceCharge);
                f.Require(hasCategory, Br37, allowanceCharge);
                f.Require(hasReason, Br38, allowanceCharge);
                f.Require(hasReason, BrCo22, allowanceCharge);
                f.Require(XsValues.AtMostTwoDecimals(amount), BrDec05, allowanceCharge);
                f.Require(XsValues.AtMostTwoDecimals(allowanceCharge.Element(BaseAmount)), BrDec06, allowanceCharge);
            }
        }
    }
}
