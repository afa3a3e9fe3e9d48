using System.Collections.Frozen;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.FacturX.MinimumBusinessRules;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The business rules as the Factur-X EN 16931 profile binds them. Where its assert has the CEN rule's context and
/// test, and the CEN rule is not shadowed in the CEN Schematron's single pattern by an earlier rule on the same
/// nodes, the verdict is the CEN rule's: those findings are taken from the EN 16931 CII rules
/// (<see cref="SameAsCen"/>). The others are bound here as the profile writes them: each of its rules is a pattern
/// of its own (no first match between them), its "!= ''" tests do not normalise space, its category contexts do
/// not ask for the VAT type and compare the charge indicator as text.
/// </summary>
internal static class En16931ProfileBusinessRules
{
    /// <summary>
    /// Same context, same test, same flag as the CEN rule, and no earlier CEN rule claims their nodes. BR-S-08 only
    /// differs by ActualAmount where CEN reads ActualAmount[1] (the profile's rule fails on an allowance with two
    /// amounts, which the schema forbids). BR-CO-15 is checked on the invoice by CEN and on each monetary summation
    /// here, with a test that reads absolute paths only: same verdict whenever a summation exists.
    /// </summary>
    private static readonly FrozenSet<string> SameAsCen = new[]
    {
        "BR-Z-09", "BR-Z-10", "BR-S-08", "BR-S-09", "BR-S-10", "BR-29", "BR-CO-19",
        "BR-31", "BR-32", "BR-33", "BR-CO-05", "BR-CO-21", "BR-DEC-01", "BR-DEC-02",
        "BR-36", "BR-37", "BR-38", "BR-CO-06", "BR-CO-22", "BR-DEC-05", "BR-DEC-06",
        "BR-54", "BR-51", "BR-22", "BR-23", "BR-24", "BR-26", "BR-27", "BR-28", "BR-CO-04", "BR-DEC-23",
        "BR-18", "BR-19", "BR-20", "BR-CO-26", "BR-30", "BR-CO-20",
        "BR-42", "BR-41", "BR-CO-07", "BR-CO-23", "BR-DEC-24", "BR-DEC-25",
        "BR-43", "BR-44", "BR-CO-08", "BR-CO-24", "BR-DEC-27", "BR-DEC-28", "BR-CO-09", "CII-SR-473", "CII-SR-463",
        "BR-CO-10", "BR-12", "BR-13", "BR-14", "BR-15", "BR-CO-13", "BR-CO-16",
        "BR-DEC-09", "BR-DEC-10", "BR-DEC-11", "BR-DEC-12", "BR-DEC-13", "BR-DEC-14", "BR-DEC-15", "BR-DEC-16", "BR-DEC-17", "BR-DEC-18",
        "BR-53", "BR-CO-14", "BR-49", "BR-50", "BR-61",
        "BR-16", "BR-62", "BR-63", "BR-S-01", "BR-Z-01", "BR-E-01", "BR-AE-01", "BR-IC-01", "BR-G-01", "BR-O-01", "BR-AF-01", "BR-AG-01",
        "CII-SR-467", "CII-SR-468", "CII-SR-469", "BR-B-01", "BR-B-02", "CII-SR-474",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <param name="cenFindings">The EN 16931 CII rules' findings on this document when already known (null: run them).</param>
    public static void Check(CiiDocument d, FindingCollector f, IReadOnlyList<ValidationFinding>? cenFindings = null)
    {
        var hasSummation = d.All(Summation).Count > 0;
        foreach (var finding in cenFindings ?? CiiRuleSet.Validate(d.Root))
        {
            if (SameAsCen.Contains(finding.RuleId) || (finding.RuleId == BrCo15.Id && hasSummation))
            {
                f.Add(finding);
            }
        }

        CheckInvoice(d, f);
        CheckLinesAndParties(d, f);
        CheckVatBreakdowns(d, f);
        CheckTotalsAndPayment(d, f);
        En16931ProfileCategoryRules.Check(d, f);
    }

    private static void CheckInvoice(CiiDocument d, FindingCollector f)
    {
        var root = d.Root;
        MinimumBusinessRules.CheckHeaderAndSeller(d, f);
        f.Require(d.All(Buyer).Elements(PostalAddress).Any(), Br10, root);
        f.Require(AnyNotEmpty(d.All(Buyer).Elements(PostalAddress).Elements(CountryId)), Br11, root);

        foreach (var agreement in root.Elements(SupplyChainTradeTransaction).Elements(Agreement))
        {
            f.Require(!OneContactHasBoth(agreement.Elements(Seller)), En16931ProfileRules.CiiSr465, agreement);
            f.Require(!OneContactHasBoth(agreement.Elements(Buyer)), En16931ProfileRules.CiiSr466, agreement);
            var supportingDocuments = agreement.Elements(AdditionalReferencedDocument).Where(r => r.Elements(TypeCodeName).Any(t => XsValues.NormalizeSpace(t.Value) == "916")).ToList();
            f.Require(supportingDocuments.Elements(Name).Count() <= 1, En16931ProfileRules.CiiSr475, agreement);
            f.Require(supportingDocuments.Elements(Ram + "AttachmentBinaryObject").Count() <= 1, En16931ProfileRules.CiiSr476, agreement);
        }

        foreach (var delivery in root.Elements(SupplyChainTradeTransaction).Elements(Delivery))
        {
            var addresses = delivery.Elements(ShipTo).Elements(PostalAddress).ToList();
            f.Require(addresses.Count == 0 || AnyNotEmpty(addresses.Elements(CountryId)), Br57, delivery);
        }

        foreach (var reference in root.Elements(SupplyChainTradeTransaction).Elements(Settlement).Elements(InvoiceReferencedDocument))
        {
            f.Require(AnyNotEmpty(reference.Elements(IssuerAssignedId)), Br55, reference);
        }

        foreach (var document in d.All(AdditionalReferencedDocument))
        {
            f.Require(AnyNotEmpty(document.Elements(IssuerAssignedId)), Br52, document);
        }

        // report: every element without child elements whose text is blank (a warning in the profile's rules).
        foreach (var element in root.DescendantsAndSelf())
        {
            f.Require(element.HasElements || XsValues.HasText(element.Value), En16931ProfileRules.PeppolR008, element);
        }
    }

    /// <summary>PersonName and DepartmentName both under the parties' contacts (not necessarily the same one).</summary>
    private static bool OneContactHasBoth(IEnumerable<XElement> parties)
    {
        var contacts = parties.Elements(DefinedTradeContact).ToList();
        return contacts.Elements(Ram + "PersonName").Any() && contacts.Elements(Ram + "DepartmentName").Any();
    }

    private static void CheckLinesAndParties(CiiDocument d, FindingCollector f)
    {
        foreach (var line in d.All(LineItem))
        {
            var products = line.Elements(Product).ToList();
            f.Require(AnyNotEmpty(line.Elements(LineDocument).Elements(LineId)), Br21, line);
            f.Require(AnyNotEmpty(products.Elements(Name)), Br25, line);
            f.Require(products.Elements(GlobalId).Attributes("schemeID").Any(a => a.Value.Length > 0) || !products.Elements(GlobalId).Any(), Br64, line);
            var classifications = products.Elements(ProductClassification).ToList();
            f.Require(classifications.Elements(ClassCode).Attributes("listID").Any(a => a.Value.Length > 0) || classifications.Count == 0, Br65, line);
        }

        foreach (var payee in d.All(Payee))
        {
            var sellers = payee.Parent?.Elements(Seller).ToList() ?? [];
            f.Require(
                payee.Elements(Name).Any()
                    && !Shares(payee.Elements(Name), sellers.Elements(Name))
                    && !Shares(payee.Elements(Id), sellers.Elements(Id))
                    && !Shares(payee.Elements(LegalOrganization).Elements(Id), sellers.Elements(LegalOrganization).Elements(Id)),
                Br17,
                payee);
        }

        foreach (var representative in d.All(TaxRepresentative))
        {
            var vatIds = representative.Elements(TaxRegistration).Elements(Id).Where(id => (string?)id.Attribute("schemeID") == "VA");
            f.Require(AnyNotEmpty(vatIds), Br56, representative);
        }
    }

    /// <summary>The general comparison a = b between two node sets: some text of one equals some text of the other.</summary>
    private static bool Shares(IEnumerable<XElement> left, IEnumerable<XElement> right)
    {
        var texts = right.Select(r => r.Value).ToHashSet(StringComparer.Ordinal);
        return left.Any(l => texts.Contains(l.Value));
    }

    /// <summary>
    /// //ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax, every one (in the CEN rules a breakdown of
    /// category O, L or M is claimed by its category's rule and skips these).
    /// </summary>
    private static void CheckVatBreakdowns(CiiDocument d, FindingCollector f)
    {
        foreach (var tax in d.All(TradeTax).Where(t => t.Parent?.Name == Settlement))
        {
            f.Require(tax.Element(BasisAmount) is not null, Br45, tax);
            f.Require(tax.Element(CalculatedAmount) is not null, Br46, tax);
            f.Require(tax.Element(CategoryCode) is not null, Br47, tax);
            f.Require(tax.Element(RatePercent) is not null || CiiDocument.HasCategory(tax, "O"), Br48, tax);
            f.Require(tax.Element(TaxPointDate) is null || tax.Element(DueDateTypeCode) is null, BrCo03, tax);
            f.Require(CiiVatBreakdownRules.TaxIsBasisTimesRate(tax), BrCo17, tax);
            f.Require(XsValues.AtMostTwoDecimals(tax.Element(BasisAmount)), BrDec19, tax);
            f.Require(XsValues.AtMostTwoDecimals(tax.Element(CalculatedAmount)), BrDec20, tax);
        }

        foreach (var settlement in d.All(Settlement).Where(s => s.Parent?.Name == SupplyChainTradeTransaction))
        {
            f.Require(settlement.Elements(TradeTax).Any(), BrCo18, settlement);
        }
    }

    private static void CheckTotalsAndPayment(CiiDocument d, FindingCollector f)
    {
        var charges = d.DocumentAllowanceCharges.Where(a => CiiDocument.IndicatorTextOf(a, "true")).ToList();
        var allowances = d.DocumentAllowanceCharges.Where(a => CiiDocument.IndicatorTextOf(a, "false")).ToList();
        foreach (var totals in d.All(Summation))
        {
            f.Require(
                (allowances.Count == 0 && totals.Element(AllowanceTotalAmount) is null)
                    || XsValues.AnyEquals(totals.Elements(AllowanceTotalAmount), XsValues.Cents(XsValues.Sum(allowances.Elements(ActualAmount)))),
                BrCo11,
                totals);
            f.Require((charges.Count == 0 && totals.Element(ChargeTotalAmount) is null) || ChargeTotalMatches(d, charges), BrCo12, totals);
        }

        foreach (var means in d.All(PaymentMeans).Where(m => m.Elements(TypeCodeName).Any(t => XsValues.NormalizeSpace(t.Value) is "30" or "58")))
        {
            var accounts = means.Elements(PayeeAccount).ToList();
            var iban = accounts.Elements(IbanId).Any();
            var proprietary = accounts.Elements(ProprietaryId).Any();
            f.Require((iban || proprietary) && !(iban && proprietary), CiiSr470, means);
        }

        foreach (var allowanceCharge in d.All(AllowanceCharge))
        {
            f.Require(allowanceCharge.Elements(RatePercent).Count() <= 1, CiiSr472, allowanceCharge);
            f.Require(allowanceCharge.Elements(CategoryTradeTax).Count() <= 1, CiiSr471, allowanceCharge);
        }
    }

    /// <summary>
    /// BR-CO-12 as the profile writes it: the charge total in cents equals the document charges plus the logistics
    /// service charges, each sum in cents (double arithmetic, as sum() of untyped values).
    /// </summary>
    private static bool ChargeTotalMatches(CiiDocument d, List<XElement> charges)
    {
        var totals = d.Root.Elements(SupplyChainTradeTransaction).Elements(Settlement).Elements(Summation).Elements(ChargeTotalAmount).ToList();
        if (totals.Count != 1 || XsValues.Double(totals[0].Value) is not { } total)
        {
            return false;
        }

        var logistics = d.Root.Elements(SupplyChainTradeTransaction).Elements(Settlement).Elements(Ram + "SpecifiedLogisticsServiceCharge").Elements(Ram + "AppliedAmount");
        var expected = XsValues.Cents(XsValues.Cents(XsValues.Sum(charges.Elements(ActualAmount))) + XsValues.Cents(XsValues.Sum(logistics)));
        return XsValues.Cents(total) == expected;
    }
}
