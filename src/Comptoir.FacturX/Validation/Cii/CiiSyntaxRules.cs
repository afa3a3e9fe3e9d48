using System.Text.RegularExpressions;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>
/// The fatal CII syntax rules (CII-SR-*, CII-DT-*): cardinalities the EN 16931 subset of CII narrows, and
/// attributes and elements it forbids. As in the official Schematron, an element caught by a more specific rule
/// context is not checked by a generic one (an ID listed under CII-DT-001 is not checked by CII-DT-101; every
/// TypeCodeName is claimed by CII-DT-008, so CII-DT-010 to CII-DT-012 never apply).
/// </summary>
internal static partial class CiiSyntaxRules
{
    private static readonly XName SellerAssignedId = Ram + "SellerAssignedID";

    private static readonly (string Attribute, Rule Rule)[] ListedIdAttributes =
    [
        ("schemeName", CiiDt001), ("schemeAgencyName", CiiDt002), ("schemeDataURI", CiiDt003), ("schemeURI", CiiDt004),
        ("schemeID", CiiDt005), ("schemeAgencyID", CiiDt006), ("schemeVersionID", CiiDt007),
    ];

    private static readonly (string Attribute, Rule Rule)[] IdAttributes =
        [("schemeName", CiiDt101), ("schemeAgencyName", CiiDt102), ("schemeDataURI", CiiDt103), ("schemeURI", CiiDt104)];

    private static readonly (XName Child, Rule Rule)[] ForbiddenInReferencedDocument = Resolve(
    [
        ("StatusCode", CiiDt016), ("CopyIndicator", CiiDt017), ("GlobalID", CiiDt019), ("RevisionID", CiiDt020), ("Information", CiiDt023),
        ("SectionName", CiiDt025), ("PreviousRevisionID", CiiDt026), ("EffectiveSpecifiedPeriod", CiiDt028), ("IssuerTradeParty", CiiDt029),
        ("AttachedSpecifiedBinaryFile", CiiDt030),
    ]);

    private static readonly (XName Child, Rule Rule)[] ForbiddenInPeriod = Resolve(
    [
        ("DurationMeasure", CiiDt069), ("InclusiveIndicator", CiiDt070), ("Description", CiiDt071), ("CompleteDateTime", CiiDt073),
        ("OpenIndicator", CiiDt074), ("SeasonCode", CiiDt075), ("ID", CiiDt076), ("Name", CiiDt077), ("SequenceNumeric", CiiDt078),
        ("StartDateFlexibilityCode", CiiDt079), ("ContinuousIndicator", CiiDt080), ("PurposeCode", CiiDt081),
    ]);

    private static readonly (XName Child, Rule Rule)[] ForbiddenInAddress = Resolve(
    [
        ("ID", CiiDt082), ("PostOfficeBox", CiiDt083), ("BuildingName", CiiDt084), ("LineFour", CiiDt086), ("LineFive", CiiDt087),
        ("StreetName", CiiDt088), ("CitySubDivisionName", CiiDt089), ("CountryName", CiiDt090), ("CountrySubDivisionID", CiiDt091),
        ("AttentionOf", CiiDt092), ("CareOf", CiiDt093), ("BuildingNumber", CiiDt094), ("DepartmentName", CiiDt095), ("AdditionalStreetName", CiiDt096),
    ]);

    private static readonly (XName Child, Rule Rule)[] AtMostOnceInSummation = Resolve(
    [
        ("LineTotalAmount", CiiSr477), ("ChargeTotalAmount", CiiSr478), ("AllowanceTotalAmount", CiiSr479), ("TaxBasisTotalAmount", CiiSr480),
        ("RoundingAmount", CiiSr481), ("GrandTotalAmount", CiiSr482), ("InformationAmount", CiiSr483), ("TotalPrepaidAmount", CiiSr484),
        ("TotalDiscountAmount", CiiSr485), ("TotalAllowanceChargeAmount", CiiSr486), ("DuePayableAmount", CiiSr487),
        ("RetailValueExcludingTaxInformationAmount", CiiSr488), ("TotalDepositFeeInformationAmount", CiiSr489),
        ("ProductValueExcludingTobaccoTaxInformationAmount", CiiSr490), ("TotalRetailValueInformationAmount", CiiSr491),
        ("GrossLineTotalAmount", CiiSr492), ("NetLineTotalAmount", CiiSr493), ("NetIncludingTaxesLineTotalAmount", CiiSr494),
    ]);

    public static void Check(CiiDocument d, FindingCollector f)
    {
        CheckStructure(d, f);
        CheckDataTypes(d, f);
    }

    private static void CheckStructure(CiiDocument d, FindingCollector f)
    {
        var root = d.Root;
        foreach (var context in root.Children(ExchangedDocumentContext))
        {
            f.Require(context.Children(GuidelineParameter).Count() == 1, CiiSr009, context);
            f.Require(context.Elements(GuidelineParameter).Elements(Id).Count() == 1, CiiSr010, context);
        }

        foreach (var header in root.Children(ExchangedDocument))
        {
            f.Require(header.Children(TypeCodeName).Count() == 1, CiiSr014, header);
        }

        var lines = root.Elements(SupplyChainTradeTransaction).Elements(LineItem).ToList();
        foreach (var product in lines.Elements(Product))
        {
            f.Require(product.Element(GlobalId) is null || product.Elements(GlobalId).Any(g => g.Attribute("schemeID") is not null), CiiSr046, product);
            f.Require(product.Element(OriginTradeCountry) is null || product.Elements(OriginTradeCountry).Elements(Id).Count() == 1, CiiSr090, product);
            foreach (var characteristic in product.Children(ProductCharacteristic))
            {
                f.Require(characteristic.Children(Description).Count() == 1, CiiSr069, characteristic);
                f.Require(characteristic.Children(Value).Count() == 1, CiiSr072, characteristic);
            }
        }

        foreach (var agreement in lines.Elements(LineAgreement))
        {
            var netPrices = agreement.Elements(NetPrice).Elements(ChargeAmount).Count();
            f.Require(netPrices == 1, CiiSr439, agreement);
            f.Require(netPrices <= 1, CiiSr441, agreement);
        }

        foreach (var allowanceCharge in d.All(AllowanceCharge))
        {
            f.Require(allowanceCharge.Element(ChargeIndicator) is not null, CiiSr463, allowanceCharge);
            f.Require(allowanceCharge.Children(RatePercent).Count() <= 1, CiiSr471, allowanceCharge);
            f.Require(allowanceCharge.Children(CategoryTradeTax).Count() <= 1, CiiSr472, allowanceCharge);
            f.Require(allowanceCharge.Children(ActualAmount).Count() <= 1, CiiSr473, allowanceCharge);
        }

        foreach (var allowanceCharge in d.All(AppliedAllowanceCharge).Where(a => a.Parent?.Name == GrossPrice))
        {
            f.Require(allowanceCharge.Children(ActualAmount).Count() <= 1, CiiSr440, allowanceCharge);
        }

        foreach (var agreement in root.Elements(SupplyChainTradeTransaction).Elements(Agreement))
        {
            f.Require(agreement.Elements(Seller).Elements(DefinedTradeContact).Count() <= 1, CiiSr455, agreement);
            f.Require(agreement.Elements(Buyer).Elements(DefinedTradeContact).Count() <= 1, CiiSr456, agreement);
            f.Require(agreement.Elements(Seller).Elements(UriCommunication).Count() <= 1, CiiSr459, agreement);
            f.Require(agreement.Elements(Buyer).Elements(UriCommunication).Count() <= 1, CiiSr460, agreement);
        }

        var dueDateCodes = d.All(DueDateTypeCode).Where(c => c.Parent?.Name == TradeTax).Select(c => c.Value).ToList();
        foreach (var settlement in root.Elements(SupplyChainTradeTransaction).Elements(Settlement))
        {
            f.Require(settlement.Elements(TradeTax).Elements(TaxPointDate).Count() <= 1, CiiSr461, settlement);
            f.Require(dueDateCodes.Count == 0 || dueDateCodes.Distinct(StringComparer.Ordinal).Count() == 1, CiiSr462, settlement);
            var transfersWithoutAccount = settlement.Elements(PaymentMeans).Count(m =>
                m.Elements(TypeCodeName).Any(t => XsValues.NormalizeSpace(t.Value) is "30" or "58")
                && !m.Elements(PayeeAccount).Any(a => a.Element(IbanId) is not null || a.Element(ProprietaryId) is not null));
            f.Require(transfersWithoutAccount == 0, CiiSr470, settlement);

            foreach (var summation in settlement.Children(Summation))
            {
                foreach (var (child, rule) in AtMostOnceInSummation)
                {
                    f.Require(AtMostOne(summation, child), rule, summation);
                }
            }
        }

        f.Require(root.Attribute("languageID") is null, CiiDt013, root);
        f.Require(root.Attribute("languageLocaleID") is null, CiiDt014, root);
        f.Require(AllSame(d.All(TypeCodeName).Where(t => t.Parent?.Name == PaymentMeans)), CiiSr467, root);
        f.Require(AllSame(d.All(Information).Where(t => t.Parent?.Name == PaymentMeans)), CiiSr468, root);
        f.Require(d.All(PaymentReference).Count(r => r.Parent?.Name == Settlement) <= 1, CiiSr469, root);
    }

    private static void CheckDataTypes(CiiDocument d, FindingCollector f)
    {
        var root = d.Root;
        var transaction = root.Elements(SupplyChainTradeTransaction).ToList();
        var listedIds = new HashSet<XElement>(
            root.Elements(ExchangedDocumentContext).Elements(GuidelineParameter).Elements(Id)
                .Concat(root.Elements(ExchangedDocument).Elements(Id))
                .Concat(transaction.Elements(LineItem).Elements(LineDocument).Elements(LineId))
                .Concat(transaction.Elements(LineItem).Elements(Product).Elements(SellerAssignedId)));
        var billedUnitGiven = transaction.Elements(LineItem).Elements(LineDelivery).Elements(BilledQuantity).Any(q => q.Attribute("unitCode") is not null);

        foreach (var (name, elements) in d.Names)
        {
            // What the generic rules make of an element depends on its name only: decided once per name.
            var kind = KindOf(name);
            if (kind == NameKind.None)
            {
                continue;
            }

            foreach (var element in elements)
            {
                // The ID, type code, amount and quantity rules only forbid attributes: an element without any passes them.
                if (kind is (NameKind.Id or NameKind.TypeCode or NameKind.Amount or NameKind.Quantity) && !element.HasAttributes)
                {
                    continue;
                }

                // Every listed name (ram:ID, ram:LineID, ram:SellerAssignedID) ends in ID: other kinds skip the lookup.
                if (kind == NameKind.Id && listedIds.Contains(element))
                {
                    foreach (var (attribute, rule) in ListedIdAttributes)
                    {
                        f.Require(element.Attribute(attribute) is null, rule, element);
                    }

                    continue;
                }

                switch (kind)
                {
                    case NameKind.Id:
                        foreach (var (attribute, rule) in IdAttributes)
                        {
                            f.Require(element.Attribute(attribute) is null, rule, element);
                        }

                        break;
                    case NameKind.TypeCode:
                        f.Require(element.Attribute("name") is null, CiiDt008, element);
                        f.Require(element.Attribute("listURI") is null, CiiDt009, element);
                        break;
                    case NameKind.ReferencedDocument:
                        CheckReferencedDocument(f, element);
                        break;
                    case NameKind.Amount:
                        f.Require(element.Attribute("currencyID") is null, CiiDt031, element);
                        f.Require(element.Attribute("currencyCodeListVersionID") is null, CiiDt032, element);
                        break;
                    case NameKind.Quantity:
                        f.Require(element.Attribute("unitCode") is null || billedUnitGiven, CiiDt033, element);
                        f.Require(element.Attribute("unitCodeListID") is null, CiiDt034, element);
                        f.Require(element.Attribute("unitCodeListAgencyID") is null, CiiDt035, element);
                        f.Require(element.Attribute("unitCodeListAgencyName") is null, CiiDt036, element);
                        break;
                    case NameKind.TradeTax:
                        f.Require(element.Element(TypeCodeName) is null || element.Elements(TypeCodeName).Any(t => t.Value == "VAT"), CiiDt037, element);
                        break;
                    case NameKind.BillingPeriod:
                        f.Require(!element.Elements(StartDateTime).Elements(UdtDateTime).Any(), CiiDt068, element);
                        f.Require(!element.Elements(EndDateTime).Elements(UdtDateTime).Any(), CiiDt072, element);
                        Forbid(f, element, ForbiddenInPeriod);
                        break;
                    case NameKind.PostalAddress:
                        Forbid(f, element, ForbiddenInAddress);
                        break;
                    case NameKind.DateTimeString when (string?)element.Attribute("format") == "102":
                        f.Require(Date102().IsMatch(element.Value), CiiDt097, element);
                        break;
                }
            }
        }
    }

    /// <summary>Which generic data-type rule claims an element of this name (the first that matches, as in the Schematron).</summary>
    private enum NameKind
    {
        None,
        Id,
        TypeCode,
        ReferencedDocument,
        Amount,
        Quantity,
        TradeTax,
        BillingPeriod,
        PostalAddress,
        DateTimeString,
    }

    private static NameKind KindOf(XName name) =>
        EndsWith(name, "ID") ? NameKind.Id
        : name == TypeCodeName ? NameKind.TypeCode
        : EndsWith(name, "ReferencedDocument") ? NameKind.ReferencedDocument
        : EndsWith(name, "Amount") && name != TaxTotalAmount ? NameKind.Amount
        : EndsWith(name, "Quantity") ? NameKind.Quantity
        : EndsWith(name, "TradeTax") ? NameKind.TradeTax
        : name == BillingPeriod ? NameKind.BillingPeriod
        : name == PostalAddress ? NameKind.PostalAddress
        : name == DateTimeString ? NameKind.DateTimeString
        : NameKind.None;

    private static void CheckReferencedDocument(FindingCollector f, XElement document)
    {
        var additional = document.Name == AdditionalReferencedDocument;
        bool TypeIs(params string[] codes) => document.Elements(TypeCodeName).Any(t => codes.Contains(t.Value));
        bool Has(string child) => document.Element(Ram + child) is not null;

        f.Require(!Has("URIID") || (additional && TypeIs("916")), CiiDt015, document);
        f.Require(!Has("TypeCode") || (additional && TypeIs("50", "130", "916")), CiiDt018, document);
        f.Require(!Has("Name") || (additional && TypeIs("916")), CiiDt021, document);
        f.Require(!Has("AttachmentBinaryObject") || (additional && TypeIs("916")), CiiDt022, document);
        f.Require(!Has("ReferenceTypeCode") || (additional && TypeIs("130")), CiiDt024, document);
        f.Require(!Has("FormattedIssueDateTime") || document.Name == InvoiceReferencedDocument, CiiDt027, document);
        Forbid(f, document, ForbiddenInReferencedDocument);
    }

    private static void Forbid(FindingCollector f, XElement element, (XName Child, Rule Rule)[] forbidden)
    {
        foreach (var (child, rule) in forbidden)
        {
            f.Require(element.Element(child) is null, rule, element);
        }
    }

    /// <summary>The ram: names of a rule table, resolved once rather than on every element checked.</summary>
    private static (XName Child, Rule Rule)[] Resolve((string Child, Rule Rule)[] table) => [.. table.Select(entry => (Ram + entry.Child, entry.Rule))];

    private static bool AtMostOne(XElement parent, XName child)
    {
        var count = 0;
        foreach (var _ in parent.Children(child))
        {
            if (++count > 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ends-with(name(), suffix): the prefixed name, as XPath's name() gives it.</summary>
    private static bool EndsWith(XName name, string suffix) => name.LocalName.EndsWith(suffix, StringComparison.Ordinal);

    /// <summary>Every value equals the first one after normalize-space.</summary>
    private static bool AllSame(IEnumerable<XElement> elements)
    {
        string? first = null;
        foreach (var element in elements)
        {
            var value = XsValues.NormalizeSpace(element.Value);
            first ??= value;
            if (value != first)
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^[ \t\r\n]*(\d{4})(1[0-2]|0[1-9]){1}(3[01]|[12][0-9]|0[1-9]){1}[ \t\r\n]*$")]
    private static partial Regex Date102();
}
