using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Cii.CiiVatCategoryRules;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The per-category VAT rules -02 to -14 as the EN 16931 profile binds them: the CEN tests, on the profile's
/// contexts. Those select by category code alone (no VAT type), an allowance or charge by its indicator's text
/// ('true' / 'false', not the boolean), and each category's rule is a pattern of its own. The -08 rules of Z, E,
/// AE, K and G accept a basis exactly one unit below the expected one (&lt;= where CEN has &lt;); BR-AF-08 and
/// BR-AG-08 read the rate from the breakdown's parent, which has none, so they always hold, as BR-AF-09 and
/// BR-AG-09 (true()) do.
/// </summary>
internal static class En16931ProfileCategoryRules
{
    private static readonly string[] Codes = ["S", "Z", "E", "AE", "K", "G", "O", "L", "M"];

    public static void Check(CiiDocument d, FindingCollector f)
    {
        var ids = new PartyIds(d);
        foreach (var tax in d.All(TradeTax).Where(IsLineTax))
        {
            foreach (var code in Codes.Where(c => CiiDocument.HasCategory(tax, c)))
            {
                var (party, rate) = LineRules(code);
                f.Require(PartiesHold(ids, code), party, tax);
                f.Require(RateHolds(tax, code), rate, tax);
            }
        }

        foreach (var tax in d.All(CategoryTradeTax).Where(t => t.Parent?.Name == AllowanceCharge))
        {
            foreach (var charge in new[] { false, true }.Where(c => CiiDocument.IndicatorTextOf(tax.Parent!, c ? "true" : "false")))
            {
                foreach (var code in Codes.Where(c => CiiDocument.HasCategory(tax, c)))
                {
                    var (party, rate) = AllowanceChargeRules(code, charge);
                    f.Require(PartiesHold(ids, code), party, tax);
                    f.Require(RateHolds(tax, code), rate, tax);
                }
            }
        }

        // BR-Z-09 and BR-Z-10 have the CEN context and test; only BR-Z-08's bound differs.
        foreach (var category in d.All(TradeTax).Where(t => t.Parent?.Name == Settlement).Elements(CategoryCode).Where(c => c.Value == "Z"))
        {
            f.Require(BasisWithinOneOrExact(d, category.Parent!, "Z"), BrZ08, category);
        }

        foreach (var tax in d.All(TradeTax).Where(t => t.Parent?.Name == Settlement && t.Parent.Parent?.Name == SupplyChainTradeTransaction))
        {
            foreach (var category in tax.Elements(CategoryCode).Where(c => c.Value is "E" or "AE" or "K" or "G"))
            {
                CheckExemptBreakdown(d, f, category.Value, category);
            }

            if (CiiDocument.HasCategory(tax, "O"))
            {
                CheckNotSubject(d, f, tax);
            }

            f.Require(!(CiiDocument.HasCategory(tax, "L") && HasExemption(tax)), BrAf10, tax);
            f.Require(!(CiiDocument.HasCategory(tax, "M") && HasExemption(tax)), BrAg10, tax);
        }
    }

    /// <summary>//rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax.</summary>
    private static bool IsLineTax(XElement tax) =>
        tax.Parent?.Name == LineSettlement && tax.Parent.Parent?.Name == LineItem && tax.Parent.Parent.Parent?.Name == SupplyChainTradeTransaction;

    private static void CheckExemptBreakdown(CiiDocument d, FindingCollector f, string code, XElement category)
    {
        var tax = category.Parent!;
        var (basisRule, taxRule, reasonRule) = code switch
        {
            "E" => (BrE08, BrE09, BrE10),
            "AE" => (BrAe08, BrAe09, BrAe10),
            "K" => (BrIc08, BrIc09, BrIc10),
            _ => (BrG08, BrG09, BrG10),
        };
        f.Require(BasisWithinOneOrExact(d, tax, code), basisRule, category);
        f.Require(XsValues.AnyEquals(tax.Elements(CalculatedAmount), 0), taxRule, category);
        f.Require(HasExemption(tax), reasonRule, category);
        if (code == "K")
        {
            var delivery = d.Root.Elements(SupplyChainTradeTransaction).Elements(Delivery).ToList();
            var delivered = delivery.Elements(ActualDelivery).Elements(OccurrenceDateTime).Elements(DateTimeString).Any();
            var period = tax.Parent?.Elements(BillingPeriod).ToList() ?? [];
            f.Require(delivered || period.Elements(StartDateTime).Any() || period.Elements(EndDateTime).Any(), BrIc11, category);
            f.Require(delivery.Elements(ShipTo).Elements(PostalAddress).Elements(CountryId).Any(), BrIc12, category);
        }
    }

    private static void CheckNotSubject(CiiDocument d, FindingCollector f, XElement tax)
    {
        f.Require(BasisExact(d, tax, "O"), BrO08, tax);
        f.Require(XsValues.AnyEquals(tax.Elements(CalculatedAmount), 0), BrO09, tax);
        f.Require(HasExemption(tax), BrO10, tax);
        var otherTax = d.All(TradeTax).Any(t => t.Elements(CategoryCode).Any(c => c.Value != "O"));
        var otherCategoryTax = d.All(CategoryTradeTax).Any(t => t.Elements(CategoryCode).Any(c => c.Value != "O"));
        f.Require(!otherTax, BrO11, tax);
        f.Require(!otherTax, BrO12, tax);
        f.Require(!otherCategoryTax, BrO13, tax);
        f.Require(!otherCategoryTax, BrO14, tax);
    }

    private static bool HasExemption(XElement tax) => tax.Element(ExemptionReason) is not null || tax.Element(ExemptionReasonCode) is not null;

    /// <summary>-08 of Z, E, AE, K, G as the profile writes it: basis - 1 &lt;= expected and basis + 1 &gt; expected.</summary>
    private static bool BasisWithinOneOrExact(CiiDocument d, XElement tax, string code)
    {
        var basis = tax.Elements(BasisAmount).ToList();
        if (basis.Count != 1 || XsValues.Double(basis[0].Value) is not { } stated)
        {
            return false;
        }

        var expected = (double)CategoryBasis(d, code, rate: null);
        return stated - 1 <= expected && stated + 1 > expected;
    }

    private static bool PartiesHold(PartyIds ids, string code) => code switch
    {
        "AE" => ids.ReverseChargeParties,
        "K" => ids.IntraCommunityParties,
        "G" => ids.SellerVatOrRepresentativeAnywhere,
        "O" => ids.NoVatIdentifiers,
        _ => ids.SellerVatOrTaxOrRepresentative,
    };

    private static bool RateHolds(XElement tax, string code) => code switch
    {
        "S" or "L" => RateAboveZero(tax),
        "M" => RateAtLeastZero(tax),
        "O" => tax.Element(RatePercent) is null,
        _ => RateIsZero(tax),
    };

    private static (Rule Party, Rule Rate) LineRules(string code) => code switch
    {
        "S" => (BrS02, BrS05),
        "Z" => (BrZ02, BrZ05),
        "E" => (BrE02, BrE05),
        "AE" => (BrAe02, BrAe05),
        "K" => (BrIc02, BrIc05),
        "G" => (BrG02, BrG05),
        "O" => (BrO02, BrO05),
        "L" => (BrAf02, BrAf05),
        _ => (BrAg02, BrAg05),
    };

    private static (Rule Party, Rule Rate) AllowanceChargeRules(string code, bool charge) => code switch
    {
        "S" => charge ? (BrS04, BrS07) : (BrS03, BrS06),
        "Z" => charge ? (BrZ04, BrZ07) : (BrZ03, BrZ06),
        "E" => charge ? (BrE04, BrE07) : (BrE03, BrE06),
        "AE" => charge ? (BrAe04, BrAe07) : (BrAe03, BrAe06),
        "K" => charge ? (BrIc04, BrIc07) : (BrIc03, BrIc06),
        "G" => charge ? (BrG04, BrG07) : (BrG03, BrG06),
        "O" => charge ? (BrO04, BrO07) : (BrO03, BrO06),
        "L" => charge ? (BrAf04, BrAf07) : (BrAf03, BrAf06),
        _ => charge ? (BrAg04, BrAg07) : (BrAg03, BrAg06),
    };
}
