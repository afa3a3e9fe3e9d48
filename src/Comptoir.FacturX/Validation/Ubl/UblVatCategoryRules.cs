using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>
/// The per-category VAT rules (BR-S, BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O, BR-AF, BR-AG, BR-B) as bound to UBL.
/// The UBL binding states the identifier rules (-02 to -04) on the invoice itself and differs from CII in
/// details kept here (which tests filter on the VAT scheme, exact versus one-unit tolerances).
/// </summary>
internal static class UblVatCategoryRules
{
    private static readonly string[] Codes = ["S", "Z", "E", "AE", "K", "G", "O", "L", "M"];

    public static void Check(UblDocument d, FindingCollector f)
    {
        var p = new Parties(d);
        CheckInvoiceLevel(d, f, p);

        foreach (var category in d.All(ClassifiedTaxCategory).Where(c => c.Parent?.Name == Item && c.Parent.Parent?.Name is { } n && (n == InvoiceLine || n == CreditNoteLine) && UblDocument.IsVat(c)))
        {
            foreach (var code in Codes.Where(c => UblDocument.HasId(category, c)))
            {
                CheckRate(f, category, code, code switch
                {
                    "S" => BrS05, "Z" => BrZ05, "E" => BrE05, "AE" => BrAe05, "K" => BrIc05, "G" => BrG05, "O" => BrO05, "L" => BrAf05, _ => BrAg05,
                });
            }
        }

        foreach (var category in d.All(TaxCategory).Where(c => c.Parent?.Name == AllowanceCharge && UblDocument.IsVat(c)))
        {
            foreach (var charge in new[] { false, true }.Where(charge => UblDocument.IndicatorIs(category.Parent!, charge)))
            {
                foreach (var code in Codes.Where(c => UblDocument.HasId(category, c)))
                {
                    CheckRate(f, category, code, (code, charge) switch
                    {
                        ("S", false) => BrS06, ("S", true) => BrS07, ("Z", false) => BrZ06, ("Z", true) => BrZ07,
                        ("E", false) => BrE06, ("E", true) => BrE07, ("AE", false) => BrAe06, ("AE", true) => BrAe07,
                        ("K", false) => BrIc06, ("K", true) => BrIc07, ("G", false) => BrG06, ("G", true) => BrG07,
                        ("O", false) => BrO06, ("O", true) => BrO07, ("L", false) => BrAf06, ("L", true) => BrAf07,
                        (_, false) => BrAg06, _ => BrAg07,
                    });
                }
            }
        }

        foreach (var category in d.Root.Elements(TaxTotal).Elements(TaxSubtotal).Elements(TaxCategory).Where(UblDocument.IsVat))
        {
            foreach (var code in Codes.Where(c => UblDocument.HasId(category, c)))
            {
                CheckBreakdown(d, f, category, code);
            }
        }
    }

    /// <summary>-05 to -07: the rate of a line, allowance or charge of the category.</summary>
    private static void CheckRate(FindingCollector f, XElement category, string code, Rule rule)
    {
        var percents = category.Elements(Percent).ToList();
        var holds = code switch
        {
            "S" => XsValues.AnyGreaterThan(percents, 0),
            "L" or "M" => XsValues.AnyAtLeast(percents, 0),
            "O" => percents.Count == 0,
            _ => percents.Count == 1 && XsValues.Decimal(percents[0]) == 0m,
        };
        f.Require(holds, rule, category);
    }

    private static void CheckBreakdown(UblDocument d, FindingCollector f, XElement category, string code)
    {
        var subtotal = category.Parent!;
        var hasExemption = category.Element(TaxExemptionReason) is not null || category.Element(TaxExemptionReasonCode) is not null;
        var taxIsZero = XsValues.Decimal(subtotal.Element(TaxAmount)) == 0m;
        switch (code)
        {
            case "S":
                f.Require(BasisPerRate(d, category, "S"), BrS08, category);
                f.Require(TaxWithinOne(category), BrS09, category);
                f.Require(!hasExemption, BrS10, category);
                break;
            case "L" or "M":
                f.Require(BasisPerRate(d, category, code), code == "L" ? BrAf08 : BrAg08, category);
                f.Require(TaxWithinOne(category), code == "L" ? BrAf09 : BrAg09, category);
                f.Require(!hasExemption, code == "L" ? BrAf10 : BrAg10, category);
                break;
            default:
                var (basisRule, taxRule, reasonRule) = code switch
                {
                    "Z" => (BrZ08, BrZ09, BrZ10),
                    "E" => (BrE08, BrE09, BrE10),
                    "AE" => (BrAe08, BrAe09, BrAe10),
                    "K" => (BrIc08, BrIc09, BrIc10),
                    "G" => (BrG08, BrG09, BrG10),
                    _ => (BrO08, BrO09, BrO10),
                };
                f.Require(BasisExact(d, category, code), basisRule, category);
                f.Require(taxIsZero, taxRule, category);
                f.Require(code == "Z" ? !hasExemption : hasExemption, reasonRule, category);
                break;
        }
    }

    /// <summary>Σ line amounts (InvoiceLine or CreditNoteLine, of the category and rate) + Σ charges - Σ allowances (decimal).</summary>
    private static decimal CategoryBasis(UblDocument d, XName lineName, string code, decimal? rate)
    {
        bool Matches(IEnumerable<XElement> categories) =>
            categories.Any(c => XsValues.NormalizeSpace(c.Element(Id)?.Value) == code) && (rate is null || categories.Elements(Percent).Any(p => XsValues.Decimal(p.Value) == rate));

        var lines = d.Root.Elements(lineName).Where(l => Matches(l.Elements(Item).Elements(ClassifiedTaxCategory))).Elements(LineExtensionAmount).Sum(a => XsValues.Decimal(a.Value) ?? 0m);
        decimal Sum(bool charge) => d.Root.Elements(AllowanceCharge)
            .Where(a => UblDocument.IndicatorIs(a, charge) && Matches(a.Elements(TaxCategory)))
            .Elements(Amount).Sum(a => XsValues.Decimal(a.Value) ?? 0m);
        return lines + Sum(charge: true) - Sum(charge: false);
    }

    /// <summary>-08 of Z, E, AE, K, G, O: BT-116 = the category basis exactly.</summary>
    private static bool BasisExact(UblDocument d, XElement category, string code)
    {
        var stated = XsValues.Decimal(category.Parent!.Element(TaxableAmount));
        return (d.Any(InvoiceLine) && stated == CategoryBasis(d, InvoiceLine, code, rate: null))
            || (d.Any(CreditNoteLine) && stated == CategoryBasis(d, CreditNoteLine, code, rate: null));
    }

    /// <summary>BR-S-08, BR-AF-08, BR-AG-08: at the breakdown's rate, BT-116 within one unit of the category basis.</summary>
    private static bool BasisPerRate(UblDocument d, XElement category, string code)
    {
        var percents = category.Elements(Percent).ToList();
        if (percents.Count == 0)
        {
            return true;
        }

        if (XsValues.Decimal(percents[0]) is not { } rate)
        {
            return false;
        }

        var taxable = XsValues.Double(category.Parent!.Element(TaxableAmount));
        if (taxable is not { } t)
        {
            return false;
        }

        var below = XsValues.ToDecimal(t - 1);
        var above = XsValues.ToDecimal(t + 1);
        bool Within(XName lineName) => below < CategoryBasis(d, lineName, code, rate) && above > CategoryBasis(d, lineName, code, rate);

        if (code != "S")
        {
            return (d.Any(InvoiceLine) && Within(InvoiceLine)) || (d.Any(CreditNoteLine) && Within(CreditNoteLine));
        }

        var anyAtRate = d.All(AllowanceCharge).Any(a => a.Elements(TaxCategory).Any(c => XsValues.NormalizeSpace(c.Element(Id)?.Value) == "S") && a.Elements(TaxCategory).Elements(Percent).Any(p => XsValues.Decimal(p.Value) == rate));
        bool LinesAtRate(XName lineName) => d.All(lineName).Any(l =>
            l.Elements(Item).Elements(ClassifiedTaxCategory).Any(c => XsValues.NormalizeSpace(c.Element(Id)?.Value) == "S")
            && l.Elements(Item).Elements(ClassifiedTaxCategory).Elements(Percent).Any(p => XsValues.Decimal(p.Value) == rate));
        return ((LinesAtRate(InvoiceLine) || anyAtRate) && Within(InvoiceLine)) || ((LinesAtRate(CreditNoteLine) || anyAtRate) && Within(CreditNoteLine));
    }

    /// <summary>-09 of S, L, M: |BT-117| strictly within one unit of round(|BT-116| x BT-119 / 100) (decimal).</summary>
    private static bool TaxWithinOne(XElement category)
    {
        var subtotal = category.Parent!;
        if (XsValues.Decimal(subtotal.Element(TaxAmount)) is not { } tax
            || XsValues.Decimal(subtotal.Element(TaxableAmount)) is not { } basis
            || category.Elements(Percent).ToList() is not [var percent]
            || XsValues.Decimal(percent) is not { } rate)
        {
            return false;
        }

        var expected = XsValues.Cents(Math.Abs(basis) * (rate / 100m));
        return Math.Abs(tax) - 1 < expected && Math.Abs(tax) + 1 > expected;
    }

    /// <summary>The rules stated on the invoice itself: -01 to -04 of each category, BR-O-11 to -14, BR-IC-11/12, BR-B.</summary>
    private static void CheckInvoiceLevel(UblDocument d, FindingCollector f, Parties p)
    {
        var root = d.Root;
        var breakdowns = root.Elements(TaxTotal).Elements(TaxSubtotal).Elements(TaxCategory).ToList();

        IEnumerable<XElement> Classified(string code, bool vat) => d.All(ClassifiedTaxCategory).Where(c => UblDocument.HasId(c, code) && (!vat || UblDocument.IsVat(c)));
        IEnumerable<XElement> AllowanceChargeCategories(string code, bool? charge, bool vat, bool normalized = true) =>
            d.All(AllowanceCharge).Where(a => charge is not { } c || UblDocument.IndicatorIs(a, c)).Elements(TaxCategory)
                .Where(t => (normalized ? UblDocument.HasId(t, code) : t.Elements(Id).Any(i => i.Value == code)) && (!vat || UblDocument.IsVat(t)));
        int VatBreakdownIds(string code) => breakdowns.Where(UblDocument.IsVat).Elements(Id).Count(i => XsValues.NormalizeSpace(i.Value) == code);
        bool Implies(bool exists, bool condition, bool existsForExemption) => (exists && condition) || !existsForExemption;

        // -01: exactly one breakdown of the category when it is used (Z, E, AE, K, G, O), or at least one (S, L, M).
        foreach (var (code, rule) in new[] { ("Z", BrZ01), ("E", BrE01), ("AE", BrAe01), ("K", BrIc01), ("G", BrG01), ("O", BrO01) })
        {
            var used = d.All(TaxCategory).Where(UblDocument.IsVat).Elements(Id).Any(i => XsValues.NormalizeSpace(i.Value) == code)
                || d.All(ClassifiedTaxCategory).Where(UblDocument.IsVat).Elements(Id).Any(i => XsValues.NormalizeSpace(i.Value) == code);
            f.Require(!used || VatBreakdownIds(code) == 1, rule, root);
        }

        var standardUses = AllowanceChargeCategories("S", null, vat: false).Count() + Classified("S", vat: false).Count();
        var standardBreakdowns = breakdowns.Count(t => UblDocument.HasId(t, "S"));
        f.Require((standardUses > 0 && standardBreakdowns > 0) || (standardUses == 0 && standardBreakdowns == 0), BrS01, root);
        foreach (var (code, rule) in new[] { ("L", BrAf01), ("M", BrAg01) })
        {
            var uses = AllowanceChargeCategories(code, null, vat: true).Count() + Classified(code, vat: true).Count();
            var loose = breakdowns.Count(t => t.Elements(Id).Any(i => i.Value == code) && (code == "L" || UblDocument.IsVat(t)));
            var strict = breakdowns.Count(t => UblDocument.HasId(t, code) && UblDocument.IsVat(t));
            f.Require((uses > 0 && loose > 0) || (uses == 0 && strict == 0), rule, root);
        }

        // -02: lines of the category.
        f.Require(Implies(Classified("S", true).Any(), p.SupplierAnyId || p.RepresentativeVat, Classified("S", false).Any()), BrS02, root);
        f.Require(Implies(Classified("Z", true).Any(), p.SupplierAnyId || p.RepresentativeVat, Classified("Z", true).Any()), BrZ02, root);
        f.Require(Implies(Classified("E", true).Any(), p.SupplierAnyId || p.RepresentativeVat, Classified("E", true).Any()), BrE02, root);
        f.Require(Implies(Classified("AE", true).Any(), p.ReverseCharge, Classified("AE", true).Any()), BrAe02, root);
        f.Require(Implies(Classified("K", true).Any(), p.IntraCommunity, Classified("K", true).Any()), BrIc02, root);
        f.Require(Implies(Classified("G", true).Any(), p.SupplierVat || p.RepresentativeVat, Classified("G", true).Any()), BrG02, root);
        f.Require(Implies(Classified("O", true).Any(), p.NoVatIds, Classified("O", true).Any()), BrO02, root);
        f.Require(Implies(Classified("L", true).Any(), p.SupplierAnyId || p.RepresentativeVat, Classified("L", true).Any()), BrAf02, root);
        f.Require(Implies(Classified("M", true).Any(), p.SupplierAnyId || p.RepresentativeVat, Classified("M", true).Any()), BrAg02, root);

        // -03 and -04: allowances and charges of the category.
        foreach (var charge in new[] { false, true })
        {
            bool Used(string code, bool vat = true, bool normalized = true) => AllowanceChargeCategories(code, charge, vat, normalized).Any();
            f.Require(Implies(Used("S"), p.SupplierAnyId || p.RepresentativeVat, Used("S")), charge ? BrS04 : BrS03, root);
            f.Require(Implies(Used("Z"), p.SupplierAnyId || p.RepresentativeVat, Used("Z")), charge ? BrZ04 : BrZ03, root);
            f.Require(Implies(Used("E"), p.SupplierAnyId || p.RepresentativeVat, Used("E")), charge ? BrE04 : BrE03, root);
            f.Require(Implies(Used("AE"), p.ReverseCharge, Used("AE")), charge ? BrAe04 : BrAe03, root);
            f.Require(Implies(Used("K"), p.IntraCommunity, Used("K")), charge ? BrIc04 : BrIc03, root);
            f.Require(Implies(Used("G", vat: false), p.SupplierVat || p.RepresentativeVat, Used("G")), charge ? BrG04 : BrG03, root);
            f.Require(Implies(Used("L"), p.SupplierAnyId || p.RepresentativeVat, charge ? Used("L", normalized: false) : Used("L")), charge ? BrAf04 : BrAf03, root);
            f.Require(Implies(Used("M"), p.SupplierAnyId || p.RepresentativeVat, Used("M")), charge ? BrAg04 : BrAg03, root);

            var documentLevelO = root.Elements(AllowanceCharge).Where(a => UblDocument.IndicatorIs(a, charge)).Elements(TaxCategory).Any(t => UblDocument.HasId(t, "O") && UblDocument.IsVat(t));
            f.Require(Implies(documentLevelO, p.NoVatIds, documentLevelO), charge ? BrO04 : BrO03, root);
        }

        var notSubject = breakdowns.Where(UblDocument.IsVat).Elements(Id).Any(i => XsValues.NormalizeSpace(i.Value) == "O");
        bool OtherThanO(IEnumerable<XElement> categories) => categories.Any(c => UblDocument.IsVat(c) && XsValues.NormalizeSpace(c.Element(Id)?.Value) != "O");
        f.Require(!notSubject || !OtherThanO(breakdowns), BrO11, root);
        f.Require(!notSubject || !OtherThanO(d.All(ClassifiedTaxCategory)), BrO12, root);
        f.Require(!notSubject || !OtherThanO(d.All(AllowanceCharge).Where(a => UblDocument.IndicatorIs(a, false)).Elements(TaxCategory)), BrO13, root);
        f.Require(!notSubject || !OtherThanO(d.All(AllowanceCharge).Where(a => UblDocument.IndicatorIs(a, true)).Elements(TaxCategory)), BrO14, root);

        var intraCommunity = VatBreakdownIds("K") > 0;
        var delivered = (root.Elements(Delivery).Elements(ActualDeliveryDate).FirstOrDefault()?.Value.Length ?? 0) > 1;
        var periodGiven = root.Elements(InvoicePeriod).Elements().Any();
        var deliverToCountry = root.Elements(Delivery).Elements(DeliveryLocation).Elements(Address).Elements(Country).Elements(IdentificationCode).FirstOrDefault()?.Value.Length ?? 0;
        f.Require(!intraCommunity || delivered || periodGiven, BrIc11, root);
        f.Require(!intraCommunity || deliverToCountry > 1, BrIc12, root);

        var splitPayment = d.All(TaxCategory).Elements(Id).Any(i => i.Value == "B") || d.All(ClassifiedTaxCategory).Elements(Id).Any(i => i.Value == "B");
        var onlyItaly = d.All(IdentificationCode).All(c => c.Value == "IT");
        f.Require((onlyItaly && splitPayment) || !splitPayment, BrB01, root);
        bool Uses(string code) => breakdowns.Elements(Id).Any(i => i.Value == code)
            || root.Elements(AllowanceCharge).Elements(TaxCategory).Elements(Id).Any(i => i.Value == code)
            || d.All(ClassifiedTaxCategory).Elements(Id).Any(i => i.Value == code);
        f.Require((Uses("B") && !Uses("S")) || !Uses("B"), BrB02, root);
    }

    /// <summary>The party identifier tests the -02 to -04 rules combine.</summary>
    private sealed class Parties(UblDocument d)
    {
        private IEnumerable<XElement> Supplier => d.All(AccountingSupplierParty).Elements(Party);

        private IEnumerable<XElement> Customer => d.All(AccountingCustomerParty).Elements(Party);

        /// <summary>//AccountingSupplierParty/Party/PartyTaxScheme/CompanyID, whatever the scheme.</summary>
        public bool SupplierAnyId => Supplier.Elements(PartyTaxScheme).Elements(CompanyId).Any();

        public bool SupplierVat => UblDocument.VatIds(Supplier).Any();

        public bool RepresentativeVat => UblDocument.VatIds(d.All(TaxRepresentativeParty)).Any();

        public bool CustomerVat => UblDocument.VatIds(Customer).Any();

        public bool ReverseCharge => (SupplierAnyId || RepresentativeVat) && (CustomerVat || Customer.Elements(PartyLegalEntity).Elements(CompanyId).Any());

        public bool IntraCommunity => (SupplierVat || RepresentativeVat) && CustomerVat;

        public bool NoVatIds => !SupplierVat && !RepresentativeVat && !CustomerVat;
    }
}
