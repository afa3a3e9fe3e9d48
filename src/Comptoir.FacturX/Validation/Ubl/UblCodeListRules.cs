using System.Collections.Frozen;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;
using static Comptoir.FacturX.Validation.CodeLists.En16931CodeLists;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>The code-list rules BR-CL-01 to BR-CL-26 as bound to UBL (BR-CL-08 is with the notes, in
/// <see cref="UblPartyRules"/>).</summary>
internal static class UblCodeListRules
{
    private static readonly string[] CurrencyAmounts =
    [
        "Amount", "BaseAmount", "PriceAmount", "TaxAmount", "TaxableAmount", "LineExtensionAmount", "TaxExclusiveAmount",
        "TaxInclusiveAmount", "AllowanceTotalAmount", "ChargeTotalAmount", "PrepaidAmount", "PayableRoundingAmount", "PayableAmount",
    ];

    private static readonly FrozenSet<string> MimeCodes = new[]
    {
        "application/pdf", "image/png", "image/jpeg", "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.oasis.opendocument.spreadsheet",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static void Check(UblDocument d, FindingCollector f)
    {
        foreach (var code in d.All(InvoiceTypeCode))
        {
            f.Require(XsValues.InList(UblInvoiceTypes, code.Value), BrCl01, code);
        }

        foreach (var code in d.All(CreditNoteTypeCode))
        {
            f.Require(XsValues.InList(UblCreditNoteTypes, code.Value), BrCl01, code);
        }

        foreach (var name in CurrencyAmounts)
        {
            foreach (var amount in d.All(Cbc + name))
            {
                f.Require(XsValues.InList(Currencies, amount.Attribute("currencyID")?.Value), BrCl03, amount);
            }
        }

        ValueIn(f, d.All(DocumentCurrencyCode), Currencies, BrCl04);
        ValueIn(f, d.All(TaxCurrencyCode), Currencies, BrCl05);
        ValueIn(f, d.All(DescriptionCode).Where(c => c.Parent?.Name == InvoicePeriod), UblDueDateCodes, BrCl06);

        foreach (var id in d.All(Id).Where(i => i.Attribute("schemeID") is not null))
        {
            var parent = id.Parent?.Name;
            if ((parent == AdditionalDocumentReference || parent == DocumentReference) && id.Parent!.Elements(DocumentTypeCode).Any(c => c.Value == "130"))
            {
                AttributeIn(f, id, "schemeID", ReferenceQualifiers, BrCl07);
            }
            else if (parent == PartyIdentification)
            {
                var scheme = XsValues.NormalizeSpace(id.Attribute("schemeID")!.Value);
                var sepaAllowed = scheme == "SEPA" && (id.Ancestors(AccountingSupplierParty).Any() || id.Ancestors(PayeeParty).Any());
                f.Require(XsValues.InList(Icd, scheme) || sepaAllowed, BrCl10, id);
            }
            else if (parent == StandardItemIdentification)
            {
                AttributeIn(f, id, "schemeID", Icd, BrCl21);
            }
            else if (parent == DeliveryLocation)
            {
                AttributeIn(f, id, "schemeID", Icd, BrCl26);
            }
        }

        foreach (var id in d.All(CompanyId).Where(i => i.Parent?.Name == PartyLegalEntity))
        {
            AttributeIn(f, id, "schemeID", Icd, BrCl11);
        }

        foreach (var code in d.All(ItemClassificationCode).Where(c => c.Parent?.Name == CommodityClassification))
        {
            AttributeIn(f, code, "listID", ItemClassifications, BrCl13);
        }

        foreach (var code in d.All(IdentificationCode).Where(c => c.Parent?.Name == Country))
        {
            f.Require(XsValues.InList(UblCountries, code.Value), BrCl14, code);
        }

        foreach (var code in d.All(IdentificationCode).Where(c => c.Parent?.Name == OriginCountry))
        {
            f.Require(XsValues.InList(UblCountries, code.Value), BrCl15, code);
        }

        ValueIn(f, d.All(PaymentMeansCode).Where(c => c.Parent?.Name == PaymentMeans), PaymentMeansCodes, BrCl16);
        ValueIn(f, d.All(Id).Where(c => c.Parent?.Name == TaxCategory), VatCategories, BrCl17);
        ValueIn(f, d.All(Id).Where(c => c.Parent?.Name == ClassifiedTaxCategory), VatCategories, BrCl18);

        foreach (var code in d.All(AllowanceChargeReasonCode).Where(c => c.Parent?.Name == AllowanceCharge))
        {
            if (UblDocument.IndicatorIs(code.Parent!, charge: false))
            {
                f.Require(XsValues.InList(AllowanceReasons, code.Value), BrCl19, code);
            }
            else if (UblDocument.IndicatorIs(code.Parent!, charge: true))
            {
                f.Require(XsValues.InList(ChargeReasons, code.Value), BrCl20, code);
            }
        }

        foreach (var code in d.All(TaxExemptionReasonCode))
        {
            var normalized = XsValues.NormalizeSpace(code.Value);
            f.Require(!normalized.Contains(' ', StringComparison.Ordinal) && VatExemptionReasons.Contains(XsValues.NormalizeSpace(code.Value.ToUpperInvariant())), BrCl22, code);
        }

        foreach (var quantity in d.All(InvoicedQuantity).Concat(d.All(Cbc + "BaseQuantity")).Concat(d.All(CreditedQuantity)))
        {
            AttributeIn(f, quantity, "unitCode", Units, BrCl23);
        }

        foreach (var attachment in d.All(Cbc + "EmbeddedDocumentBinaryObject"))
        {
            if (attachment.Attribute("mimeCode") is { } mime)
            {
                f.Require(MimeCodes.Contains(mime.Value), BrCl24, attachment);
            }
        }

        foreach (var endpoint in d.All(EndpointId))
        {
            AttributeIn(f, endpoint, "schemeID", ElectronicAddressSchemes, BrCl25);
        }
    }

    private static void ValueIn(FindingCollector f, IEnumerable<XElement> elements, FrozenSet<string> list, Rule rule)
    {
        foreach (var element in elements)
        {
            f.Require(XsValues.InList(list, element.Value), rule, element);
        }
    }

    private static void AttributeIn(FindingCollector f, XElement element, string attribute, FrozenSet<string> list, Rule rule)
    {
        if (element.Attribute(attribute) is { } value)
        {
            f.Require(XsValues.InList(list, value.Value), rule, element);
        }
    }
}
