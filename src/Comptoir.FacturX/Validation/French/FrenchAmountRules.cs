using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// The number formats (BR-FR-DEC-01..04): amounts with at most 2 decimals, quantities 4, unit prices 6 (and positive
/// but on a bidirectional contract), VAT rates positive with 2 decimals and 4 digits; at most 19 digits (sign
/// included) for the others.
/// </summary>
internal static class FrenchAmountRules
{
    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        var allowances = d.Settlements.Elements(AllowanceCharge).ToList();
        var totals = d.Settlements.Elements(Summation).ToList();
        var lineSettlements = d.Lines.Elements(LineSettlement).ToList();
        CheckAmounts(allowances.Elements(ActualAmount), "BT-92_BT-99", f);
        CheckAmounts(allowances.Elements(BasisAmount), "BT-93_BT-100", f);
        CheckAmounts(totals.Elements(LineTotalAmount), "BT-106", f);
        CheckAmounts(totals.Elements(AllowanceTotalAmount), "BT-107", f);
        CheckAmounts(totals.Elements(ChargeTotalAmount), "BT-108", f);
        CheckAmounts(totals.Elements(TaxBasisTotalAmount), "BT-109", f);
        // Both VAT totals (BT-110 and, in the accounting currency, BT-111) match the BT-110 rule first, so the
        // Schematron never reports BR-FR-DEC-01_BT-111: neither does this.
        CheckAmounts(totals.Elements(TaxTotalAmount), "BT-110", f);
        CheckAmounts(totals.Elements(GrandTotalAmount), "BT-112", f);
        CheckAmounts(totals.Elements(TotalPrepaidAmount), "BT-113", f);
        CheckAmounts(totals.Elements(RoundingAmount), "BT-114", f);
        CheckAmounts(totals.Elements(DuePayableAmount), "BT-115", f);
        CheckAmounts(d.Settlements.Elements(TradeTax).Elements(BasisAmount), "BT-116", f);
        CheckAmounts(d.Settlements.Elements(TradeTax).Elements(CalculatedAmount), "BT-117", f);
        CheckAmounts(lineSettlements.Elements(LineSummation).Elements(LineTotalAmount), "BT-131", f);
        CheckAmounts(lineSettlements.Elements(AllowanceCharge).Elements(ActualAmount), "BT-136_BT-141", f);
        CheckAmounts(lineSettlements.Elements(AllowanceCharge).Elements(BasisAmount), "BT-137_BT-142", f);

        var lineAgreements = d.Lines.Elements(LineAgreement).ToList();
        Check(d.Lines.Elements(LineDelivery).Elements(BilledQuantity), "BR-FR-DEC-02_BT-129", 4, signed: true, f);
        Check(lineAgreements.Elements(NetPrice).Elements(BasisQuantity), "BR-FR-DEC-02_BT-149", 4, signed: true, f);

        // A bidirectional contract nets both parties' sub-invoices, so its prices may be negative.
        var signedPrices = d.IsBidirectional;
        Check(lineAgreements.Elements(NetPrice).Elements(ChargeAmount), "BR-FR-DEC-03_BT-146", 6, signedPrices, f);
        Check(lineAgreements.Elements(GrossPrice).Elements(AppliedAllowanceCharge).Elements(ActualAmount), "BR-FR-DEC-03_BT-147", 6, signedPrices, f);
        Check(lineAgreements.Elements(GrossPrice).Elements(ChargeAmount), "BR-FR-DEC-03_BT-148", 6, signedPrices, f);

        CheckRates(allowances.Elements(CategoryTradeTax).Elements(RatePercent), "BT-96_BT-103", f);
        CheckRates(d.Settlements.Elements(TradeTax).Elements(RatePercent), "BT-119", f);
        CheckRates(lineSettlements.Elements(TradeTax).Elements(RatePercent), "BT-152", f);
    }

    private static void CheckAmounts(IEnumerable<XElement> amounts, string term, FrenchFindings f) => Check(amounts, "BR-FR-DEC-01_" + term, 2, signed: true, f);

    private static void Check(IEnumerable<XElement> numbers, string rule, int decimals, bool signed, FrenchFindings f)
    {
        foreach (var number in numbers)
        {
            f.Require(FrenchXPath.IsDecimal(XsValues.NormalizeSpace(number.Value), 19, decimals, signed), rule, number);
        }
    }

    private static void CheckRates(IEnumerable<XElement> rates, string term, FrenchFindings f)
    {
        foreach (var rate in rates)
        {
            f.Require(FrenchXPath.IsDecimal(XsValues.NormalizeSpace(rate.Value), 4, 2, signed: false), "BR-FR-DEC-04_" + term, rate);
        }
    }
}
