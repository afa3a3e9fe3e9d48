using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>
/// The per-category VAT rules (BR-S, BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O, BR-AF, BR-AG, BR-B) as bound to CII:
/// presence of the category's breakdown (-01), the seller's and buyer's identifiers (-02 to -04), the rates
/// (-05 to -07), the breakdown's basis, tax and exemption reason (-08 to -10) and the category's extra rules.
/// </summary>
internal static class CiiVatCategoryRules
{
    public static void Check(CiiDocument d, FindingCollector f)
    {
        CheckPresence(d, f);
        var contexts = new CategoryContexts(d);
        var ids = new PartyIds(d);

        foreach (var (code, tax) in contexts.LineTaxes)
        {
            switch (code)
            {
                case "S": f.Require(ids.SellerVatOrTaxOrRepresentative, BrS02, tax); f.Require(RateAboveZero(tax), BrS05, tax); break;
                case "Z": f.Require(ids.SellerVatOrTaxOrRepresentative, BrZ02, tax); f.Require(RateIsZero(tax), BrZ05, tax); break;
                case "E": f.Require(ids.SellerVatOrTaxOrRepresentative, BrE02, tax); f.Require(RateIsZero(tax), BrE05, tax); break;
                case "AE": f.Require(ids.ReverseChargeParties, BrAe02, tax); f.Require(RateIsZero(tax), BrAe05, tax); break;
                case "K": f.Require(ids.IntraCommunityParties, BrIc02, tax); f.Require(RateIsZero(tax), BrIc05, tax); break;
                case "G": f.Require(ids.SellerVatOrRepresentativeAnywhere, BrG02, tax); f.Require(RateIsZero(tax), BrG05, tax); break;
                case "O": f.Require(ids.NoVatIdentifiers, BrO02, tax); f.Require(tax.Element(RatePercent) is null, BrO05, tax); break;
                case "L": f.Require(ids.SellerVatOrTaxOrRepresentative, BrAf02, tax); f.Require(RateAboveZero(tax), BrAf05, tax); break;
                case "M": f.Require(ids.SellerVatOrTaxOrRepresentative, BrAg02, tax); f.Require(RateAtLeastZero(tax), BrAg05, tax); break;
            }
        }

        foreach (var (code, tax, charge) in contexts.AllowanceChargeTaxes)
        {
            switch (code)
            {
                case "S": f.Require(ids.SellerVatOrTaxOrRepresentative, charge ? BrS04 : BrS03, tax); f.Require(RateAboveZero(tax), charge ? BrS07 : BrS06, tax); break;
                case "Z": f.Require(ids.SellerVatOrTaxOrRepresentative, charge ? BrZ04 : BrZ03, tax); f.Require(RateIsZero(tax), charge ? BrZ07 : BrZ06, tax); break;
                case "E": f.Require(ids.SellerVatOrTaxOrRepresentative, charge ? BrE04 : BrE03, tax); f.Require(RateIsZero(tax), charge ? BrE07 : BrE06, tax); break;
                case "AE": f.Require(ids.ReverseChargeParties, charge ? BrAe04 : BrAe03, tax); f.Require(RateIsZero(tax), charge ? BrAe07 : BrAe06, tax); break;
                case "K": f.Require(ids.IntraCommunityParties, charge ? BrIc04 : BrIc03, tax); f.Require(RateIsZero(tax), charge ? BrIc07 : BrIc06, tax); break;
                case "G": f.Require(ids.SellerVatOrRepresentativeAnywhere, charge ? BrG04 : BrG03, tax); f.Require(RateIsZero(tax), charge ? BrG07 : BrG06, tax); break;
                case "O": f.Require(ids.NoVatIdentifiers, charge ? BrO04 : BrO03, tax); f.Require(tax.Element(RatePercent) is null, charge ? BrO07 : BrO06, tax); break;
                case "L": f.Require(ids.SellerVatOrTaxOrRepresentative, charge ? BrAf04 : BrAf03, tax); f.Require(RateAboveZero(tax), charge ? BrAf07 : BrAf06, tax); break;
                case "M": f.Require(ids.SellerVatOrTaxOrRepresentative, charge ? BrAg04 : BrAg03, tax); f.Require(RateAtLeastZero(tax), charge ? BrAg07 : BrAg06, tax); break;
            }
        }

        // Built on the first breakdown that needs it: an invoice without one reads no line amounts.
        CiiCategoryBases? bases = null;
        foreach (var (code, context) in contexts.BreakdownContexts)
        {
            CheckBreakdown(d, () => bases ??= new CiiCategoryBases(d.Root), f, code, context);
        }
    }

    private static void CheckBreakdown(CiiDocument d, Func<CiiCategoryBases> bases, FindingCollector f, string code, XElement context)
    {
        switch (code)
        {
            case "S":
                var s = context.Parent!;
                f.Require(StandardBasisPerRate(bases, s, "S"), BrS08, context);
                f.Require(StandardTaxWithinOne(s), BrS09, context);
                f.Require(s.Element(ExemptionReason) is null && s.Element(ExemptionReasonCode) is null, BrS10, context);
                break;
            case "Z" or "E" or "AE" or "K" or "G":
                var tax = context.Parent!;
                var (basisRule, taxRule, reasonRule) = code switch
                {
                    "Z" => (BrZ08, BrZ09, BrZ10),
                    "E" => (BrE08, BrE09, BrE10),
                    "AE" => (BrAe08, BrAe09, BrAe10),
                    "K" => (BrIc08, BrIc09, BrIc10),
                    _ => (BrG08, BrG09, BrG10),
                };
                f.Require(BasisWithinOne(bases, tax, code), basisRule, context);
                f.Require(XsValues.AnyEquals(tax.Elements(CalculatedAmount), 0), taxRule, context);
                var hasReason = tax.Element(ExemptionReason) is not null || tax.Element(ExemptionReasonCode) is not null;
                f.Require(code == "Z" ? !hasReason : hasReason, reasonRule, context);
                if (code == "K")
                {
                    var delivery = d.Root.Elements(SupplyChainTradeTransaction).Elements(Delivery).ToList();
                    var delivered = delivery.Elements(ActualDelivery).Elements(OccurrenceDateTime).Elements(DateTimeString).Any();
                    var period = tax.Parent?.Elements(BillingPeriod).ToList() ?? [];
                    f.Require(delivered || period.Elements(StartDateTime).Any() || period.Elements(EndDateTime).Any(), BrIc11, context);
                    f.Require(delivery.Elements(ShipTo).Elements(PostalAddress).Elements(CountryId).Any(), BrIc12, context);
                }

                break;
            case "O":
                f.Require(BasisExact(bases, context, "O"), BrO08, context);
                f.Require(XsValues.AnyEquals(context.Elements(CalculatedAmount), 0), BrO09, context);
                f.Require(context.Element(ExemptionReason) is not null || context.Element(ExemptionReasonCode) is not null, BrO10, context);
                var otherTax = d.All(TradeTax).Any(t => t.Elements(CategoryCode).Any(c => c.Value != "O"));
                var otherCategoryTax = d.All(CategoryTradeTax).Any(t => t.Elements(CategoryCode).Any(c => c.Value != "O"));
                f.Require(!otherTax, BrO11, context);
                f.Require(!otherTax, BrO12, context);
                f.Require(!otherCategoryTax, BrO13, context);
                f.Require(!otherCategoryTax, BrO14, context);
                break;
            case "L" or "M":
                // BR-AF-08 / BR-AG-08 are bound to ../ram:RateApplicablePercent from the breakdown itself, which never
                // exists: they always hold in the official CII rules, and so here. BR-AF-09 / BR-AG-09 are true().
                var hasExemption = context.Element(ExemptionReason) is not null || context.Element(ExemptionReasonCode) is not null;
                f.Require(!hasExemption, code == "L" ? BrAf10 : BrAg10, context);
                break;
        }
    }

    /// <summary>BR-S-01, -Z-01, -E-01, -AE-01, -IC-01, -G-01, -O-01, -AF-01, -AG-01, -B-01, -B-02 (context: the invoice).</summary>
    private static void CheckPresence(CiiDocument d, FindingCollector f)
    {
        // Counted once per document: each rule below asks for several categories' counts, and a scan of every
        // tax element per question made this the costliest family on long invoices.
        var lines = new CategoryCounts();
        var breakdowns = new CategoryCounts();
        foreach (var tax in d.All(TradeTax))
        {
            if (tax.Parent?.Name == LineSettlement)
            {
                lines.Add(tax);
            }
            else if (tax.Parent?.Name == Settlement)
            {
                breakdowns.Add(tax);
            }
        }

        var allowanceCharges = new CategoryCounts();
        foreach (var tax in d.All(CategoryTradeTax))
        {
            allowanceCharges.Add(tax);
        }

        int Lines(string code) => lines[code];
        int Breakdowns(string code) => breakdowns[code];
        int AllowanceCharges(string code) => allowanceCharges[code];

        bool AtLeastOne(string code) =>
            (Lines(code) + Breakdowns(code) >= 2 || Lines(code) == 0) && (AllowanceCharges(code) + Breakdowns(code) >= 2 || AllowanceCharges(code) == 0);

        bool ExactlyOne(string code) =>
            (Breakdowns(code) == 0 && Lines(code) == 0 && AllowanceCharges(code) == 0)
            || (Breakdowns(code) == 1 && (Lines(code) > 0 || AllowanceCharges(code) > 0));

        var root = d.Root;
        f.Require(AtLeastOne("S"), BrS01, root);
        f.Require(ExactlyOne("Z"), BrZ01, root);
        f.Require(ExactlyOne("E"), BrE01, root);
        f.Require(ExactlyOne("AE"), BrAe01, root);
        f.Require(ExactlyOne("K"), BrIc01, root);
        f.Require(ExactlyOne("G"), BrG01, root);
        f.Require(Breakdowns("O") == 0 || (Breakdowns("O") == 1 && (Lines("O") > 0 || AllowanceCharges("O") > 0)), BrO01, root);
        f.Require(AtLeastOne("L"), BrAf01, root);
        f.Require(AtLeastOne("M"), BrAg01, root);

        var splitPayment = false;
        var standard = false;
        foreach (var category in d.All(CategoryCode))
        {
            splitPayment |= category.Value == "B";
            standard |= category.Value == "S";
        }

        var allItalian = d.All(CountryId).All(c => c.Value == "IT");
        f.Require((allItalian && splitPayment) || !splitPayment, BrB01, root);
        f.Require((splitPayment && !standard) || !splitPayment, BrB02, root);
    }

    /// <summary>How many tax elements carry each category code (an element with a code twice counts once).</summary>
    private sealed class CategoryCounts
    {
        private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

        public int this[string code] => counts.GetValueOrDefault(code);

        public void Add(XElement tax)
        {
            string? first = null;
            List<string>? more = null;
            foreach (var category in tax.Children(CategoryCode))
            {
                var code = category.Value;
                if (first is null)
                {
                    first = code;
                }
                else if (code != first && (more is null || !more.Contains(code)))
                {
                    (more ??= []).Add(code);
                }
            }

            if (first is null)
            {
                return;
            }

            counts[first] = counts.GetValueOrDefault(first) + 1;
            foreach (var code in more ?? [])
            {
                counts[code] = counts.GetValueOrDefault(code) + 1;
            }
        }
    }

    internal static bool RateIsZero(XElement tax) => XsValues.AnyNumber(tax.Children(RatePercent), static rate => rate == 0);

    internal static bool RateAboveZero(XElement tax) => XsValues.AnyNumber(tax.Children(RatePercent), static rate => rate > 0);

    internal static bool RateAtLeastZero(XElement tax) => XsValues.AnyNumber(tax.Children(RatePercent), static rate => rate >= 0);

    /// <summary>Σ lines of the category (and rate) + Σ charges - Σ allowances, each rounded to cents (decimal).</summary>
    internal static decimal CategoryBasis(CiiDocument d, string code, decimal? rate) => new CiiCategoryBases(d.Root).Of(code, rate);

    /// <summary>BR-S-08: for every rate of the breakdown, BT-116 = the category basis at that rate.</summary>
    private static bool StandardBasisPerRate(Func<CiiCategoryBases> bases, XElement tax, string code) =>
        tax.Elements(RatePercent).Select(r => XsValues.Decimal(r.Value)).All(rate =>
            rate is { } value && XsValues.AnyEquals(tax.Elements(BasisAmount), (double)bases().Of(code, value)));

    /// <summary>BR-S-09: |BT-117| within one unit of round(|BT-116| x BT-119) / 100 (double arithmetic).</summary>
    private static bool StandardTaxWithinOne(XElement tax)
    {
        var calculated = XsValues.Decimal(tax.Elements(CalculatedAmount).FirstOrDefault());
        var basis = XsValues.Decimal(tax.Elements(BasisAmount).FirstOrDefault());
        if (calculated is not { } c || basis is not { } b)
        {
            return false;
        }

        var absolute = (double)Math.Abs(c);
        return tax.Elements(RatePercent).Any(r => XsValues.Double(r.Value) is { } rate && absolute - 1 < XsValues.Round((double)Math.Abs(b) * rate) / 100)
            && tax.Elements(RatePercent).Any(r => XsValues.Double(r.Value) is { } rate && absolute + 1 > XsValues.Round((double)Math.Abs(b) * rate) / 100);
    }

    /// <summary>-08 of Z, E, AE, K, G: BT-116 within one unit of the category basis.</summary>
    private static bool BasisWithinOne(Func<CiiCategoryBases> bases, XElement tax, string code)
    {
        var basis = tax.Elements(BasisAmount).ToList();
        if (basis.Count != 1 || XsValues.Double(basis[0].Value) is not { } stated)
        {
            return false;
        }

        var expected = (double)bases().Of(code, rate: null);
        return stated - 1 < expected && stated + 1 > expected;
    }

    private static bool BasisExact(Func<CiiCategoryBases> bases, XElement tax, string code) =>
        XsValues.AnyEquals(tax.Elements(BasisAmount), (double)bases().Of(code, rate: null));

    internal static bool BasisExact(CiiDocument d, XElement tax, string code) =>
        XsValues.AnyEquals(tax.Elements(BasisAmount), (double)CategoryBasis(d, code, rate: null));

    /// <summary>The nodes each category rule applies to, as the official rule contexts select them.</summary>
    private sealed class CategoryContexts(CiiDocument d)
    {
        private static readonly string[] Codes = ["S", "Z", "E", "AE", "K", "G", "O", "L", "M"];

        private static readonly string[] ClaimedBreakdownCodes = ["O", "L", "M"];

        /// <summary>//rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax[CategoryCode = X][VAT].</summary>
        public IEnumerable<(string Code, XElement Tax)> LineTaxes
        {
            get
            {
                foreach (var tax in d.All(TradeTax))
                {
                    if (tax.Parent?.Name == LineSettlement && tax.Parent.Parent?.Name == LineItem && tax.Parent.Parent.Parent?.Name == SupplyChainTradeTransaction && CiiDocument.IsVat(tax))
                    {
                        // The usual single category is read once rather than compared with each code in turn.
                        var categories = tax.Children(CategoryCode);
                        if (categories.Count() == 1)
                        {
                            if (Array.IndexOf(Codes, categories.First()!.Value) >= 0)
                            {
                                yield return (categories.First()!.Value, tax);
                            }

                            continue;
                        }

                        foreach (var code in Codes)
                        {
                            if (CiiDocument.HasCategory(tax, code))
                            {
                                yield return (code, tax);
                            }
                        }
                    }
                }
            }
        }

        /// <summary>//ram:SpecifiedTradeAllowanceCharge[ChargeIndicator = false() | true()]/ram:CategoryTradeTax[CategoryCode = X][VAT].</summary>
        public IEnumerable<(string Code, XElement Tax, bool Charge)> AllowanceChargeTaxes =>
            from tax in d.All(CategoryTradeTax)
            where tax.Parent?.Name == AllowanceCharge && CiiDocument.IsVat(tax)
            from charge in new[] { false, true }
            where CiiDocument.IndicatorIs(tax.Parent!, charge)
            from code in Codes
            where CiiDocument.HasCategory(tax, code)
            select (code, tax, charge);

        /// <summary>
        /// The breakdown contexts: ram:CategoryCode[. = S|Z] (no type check), ram:CategoryCode[. = E|AE|G|K][VAT type]
        /// under rsm:SupplyChainTradeTransaction, and the ram:ApplicableTradeTax[CategoryCode = O|L|M][VAT] itself.
        /// </summary>
        public IEnumerable<(string Code, XElement Context)> BreakdownContexts
        {
            get
            {
                foreach (var tax in d.All(TradeTax).Where(t => t.Parent?.Name == Settlement))
                {
                    var underTransaction = tax.Parent!.Parent?.Name == SupplyChainTradeTransaction;
                    var isVat = CiiDocument.IsVat(tax);
                    foreach (var category in tax.Children(CategoryCode))
                    {
                        if (category.Value is "S" or "Z" || (category.Value is "E" or "AE" or "G" or "K" && underTransaction && isVat))
                        {
                            yield return (category.Value, category);
                        }
                    }

                    if (underTransaction && isVat)
                    {
                        foreach (var code in ClaimedBreakdownCodes)
                        {
                            if (CiiDocument.HasCategory(tax, code))
                            {
                                yield return (code, tax);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The identifier tests of the -02 to -04 rules.</summary>
    /// <remarks>Each answer is worked out on first use and kept: the rules ask them again for every line's tax.</remarks>
    internal sealed class PartyIds(CiiDocument d)
    {
        private bool? sellerVatOrTaxOrRepresentative;
        private bool? sellerVatOrRepresentativeAnywhere;
        private bool? reverseChargeParties;
        private bool? intraCommunityParties;
        private bool? noVatIdentifiers;

        private bool SellerVatOrTax => d.SellerTaxIds("VA", "FC").Any();

        private bool RepresentativeVat => d.TaxRepresentativeVatIds.Any();

        private bool AnySellerVat => d.All(Seller).Any(s => CiiDocument.TaxIds(s, "VA").Any());

        private bool AnySellerVatOrTax => d.All(Seller).Any(s => CiiDocument.TaxIds(s, "VA", "FC").Any());

        private bool AnyRepresentativeVat => d.All(TaxRepresentative).Any(s => CiiDocument.TaxIds(s, "VA").Any());

        private bool AnyBuyerVat => d.All(Buyer).Any(s => CiiDocument.TaxIds(s, "VA").Any());

        /// <summary>Seller VAT (BT-31) or tax registration (BT-32), or the tax representative's VAT (BT-63).</summary>
        public bool SellerVatOrTaxOrRepresentative => sellerVatOrTaxOrRepresentative ??= SellerVatOrTax || RepresentativeVat;

        public bool SellerVatOrRepresentativeAnywhere => sellerVatOrRepresentativeAnywhere ??= AnySellerVat || AnyRepresentativeVat;

        public bool ReverseChargeParties => reverseChargeParties ??=
            (AnySellerVatOrTax || AnyRepresentativeVat) && (AnyBuyerVat || d.All(Buyer).Elements(LegalOrganization).Elements(Id).Any());

        public bool IntraCommunityParties => intraCommunityParties ??= (AnySellerVat || AnyRepresentativeVat) && AnyBuyerVat;

        public bool NoVatIdentifiers => noVatIdentifiers ??= !d.SellerTaxIds("VA").Any() && !RepresentativeVat && !AnyBuyerVat;
    }
}
