using System.Collections.Frozen;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.CodeLists.En16931CodeLists;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>The code-list rules BR-CL-01 to BR-CL-26 as bound to CII.</summary>
internal static class CiiCodeListRules
{
    private static readonly XName SubjectCode = Ram + "SubjectCode";
    private static readonly XName ReferenceTypeCode = Ram + "ReferenceTypeCode";
    private static readonly XName AttachmentBinaryObject = Ram + "AttachmentBinaryObject";

    private static readonly FrozenSet<string> MimeCodes = new[]
    {
        "application/pdf", "image/png", "image/jpeg", "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.oasis.opendocument.spreadsheet",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static void Check(CiiDocument d, FindingCollector f)
    {
        foreach (var code in d.All(TypeCodeName).Where(t => t.Parent?.Name == ExchangedDocument))
        {
            f.Require(XsValues.InList(CiiDocumentTypes, code.Value), BrCl01, code);
        }

        ValueIn(d, f, InvoiceCurrencyCode, Currencies, BrCl04);
        ValueIn(d, f, TaxCurrencyCode, Currencies, BrCl05);
        ValueIn(d, f, DueDateTypeCode, CiiDueDateCodes, BrCl06);
        ValueIn(d, f, ReferenceTypeCode, ReferenceQualifiers, BrCl07);
        ValueIn(d, f, SubjectCode, CiiTextSubjects, BrCl08);
        ValueIn(d, f, CountryId, CiiCountries, BrCl14);

        foreach (var amount in d.All(TaxTotalAmount))
        {
            AttributeIn(f, amount, "currencyID", Currencies, BrCl03);
        }

        foreach (var id in d.All(GlobalId))
        {
            var rule = id.Parent?.Name == Product ? BrCl21
                : id.Parent?.Name == ShipTo && id.Parent.Parent?.Name == Delivery && !id.Ancestors(Product).Any() ? BrCl26
                : !id.Ancestors(Product).Any() && !id.Ancestors(ShipTo).Any() ? BrCl10
                : null;
            if (rule is not null)
            {
                AttributeIn(f, id, "schemeID", Icd, rule);
            }
        }

        foreach (var id in d.All(Id))
        {
            if (id.Attribute("schemeID") is not null && !id.Ancestors(TaxRegistration).Any())
            {
                AttributeIn(f, id, "schemeID", Icd, BrCl11);
            }
            else if (id.Parent?.Name == OriginTradeCountry)
            {
                f.Require(XsValues.InList(CiiCountries, id.Value), BrCl15, id);
            }
        }

        foreach (var code in d.All(ClassCode))
        {
            AttributeIn(f, code, "listID", ItemClassifications, BrCl13);
        }

        foreach (var code in d.All(TypeCodeName).Where(t => t.Parent?.Name == PaymentMeans))
        {
            f.Require(XsValues.InList(PaymentMeansCodes, code.Value), BrCl16, code);
        }

        foreach (var code in d.All(CategoryCode))
        {
            if (code.Parent?.Name == CategoryTradeTax)
            {
                f.Require(XsValues.InList(VatCategories, code.Value), BrCl17, code);
            }
            else if (code.Parent?.Name == TradeTax)
            {
                f.Require(XsValues.InList(VatCategories, code.Value), BrCl18, code);
            }
        }

        foreach (var code in d.All(ReasonCode).Where(c => c.Parent?.Name == AllowanceCharge))
        {
            if (CiiDocument.IndicatorIs(code.Parent!, charge: false))
            {
                f.Require(XsValues.InList(AllowanceReasons, code.Value), BrCl19, code);
            }
            else if (CiiDocument.IndicatorIs(code.Parent!, charge: true))
            {
                f.Require(XsValues.InList(ChargeReasons, code.Value), BrCl20, code);
            }
        }

        foreach (var code in d.All(ExemptionReasonCode))
        {
            var normalized = XsValues.NormalizeSpace(code.Value);
            f.Require(!normalized.Contains(' ', StringComparison.Ordinal) && VatExemptionReasons.Contains(normalized.ToUpperInvariant()), BrCl22, code);
        }

        foreach (var quantity in d.All(BasisQuantity).Concat(d.All(BilledQuantity)))
        {
            AttributeIn(f, quantity, "unitCode", Units, BrCl23);
        }

        foreach (var attachment in d.All(AttachmentBinaryObject))
        {
            if (attachment.Attribute("mimeCode") is { } mime)
            {
                f.Require(MimeCodes.Contains(mime.Value), BrCl24, attachment);
            }
        }

        foreach (var uri in d.All(UriId).Where(u => u.Parent?.Name == UriCommunication))
        {
            AttributeIn(f, uri, "schemeID", ElectronicAddressSchemes, BrCl25);
        }
    }

    private static void ValueIn(CiiDocument d, FindingCollector f, XName name, FrozenSet<string> list, Rule rule)
    {
        foreach (var element in d.All(name))
        {
            f.Require(XsValues.InList(list, element.Value), rule, element);
        }
    }

    /// <summary>Applies to elements carrying the attribute only, as the rule contexts ([@schemeID]) do.</summary>
    private static void AttributeIn(FindingCollector f, XElement element, string attribute, FrozenSet<string> list, Rule rule)
    {
        if (element.Attribute(attribute) is { } value)
        {
            f.Require(XsValues.InList(list, value.Value), rule, element);
        }
    }
}
