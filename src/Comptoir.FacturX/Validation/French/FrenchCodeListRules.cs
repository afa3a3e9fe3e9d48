using System.Xml.Linq;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// The French code lists: document types (BR-FR-04), billing mode (BR-FR-08), VAT categories (BR-FR-15, no L or
/// M) and rates (BR-FR-16), attachment codes (BR-FR-17) and at most one readable copy (BR-FR-18).
/// </summary>
internal static class FrenchCodeListRules
{
    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        CheckDocumentTypes(d.TypeCodes, "BT-3", f);
        CheckDocumentTypes(d.Settlements.Elements(InvoiceReferencedDocument).Elements(TypeCodeName), "EXT-FR-FE-02", f);
        CheckDocumentTypes(d.Lines.Elements(LineSettlement).Elements(InvoiceReferencedDocument).Elements(TypeCodeName), "EXT-FR-FE-137", f);

        foreach (var context in d.Root.Elements(ExchangedDocumentContext))
        {
            var modes = context.Elements(FrenchNames.BusinessProcessParameter).Elements(Id).ToList();
            f.Require(modes.Count > 0 && FrenchFormats.BillingModes.Contains(modes[0].Value), "BR-FR-08_BT-23", context);
        }

        var allowanceTaxes = d.Settlements.Elements(AllowanceCharge).Elements(CategoryTradeTax).ToList();
        var breakdown = d.Settlements.Elements(TradeTax).ToList();
        var lineTaxes = d.Lines.Elements(LineSettlement).Elements(TradeTax).ToList();
        CheckCategories(allowanceTaxes, "BT-95_BT-102", f);
        CheckCategories(breakdown, "BT-95_BT-118", f);
        CheckCategories(lineTaxes, "BT-95_BT-151", f);
        CheckRates(allowanceTaxes, "BT-96_BT-103", f);
        CheckRates(breakdown, "BT-119", f);
        CheckRates(lineTaxes, "BT-152", f);

        var attachments = d.Agreements.Elements(AdditionalReferencedDocument).ToList();
        foreach (var attachment in attachments.Where(a => FrenchXPath.AnyIs(a.Elements(TypeCodeName), "916")))
        {
            var code = FrenchXPath.Normalized(attachment.Elements(Name));
            f.Require(code.Length == 0 || FrenchFormats.AttachmentCodes.Contains(code), "BR-FR-17_BT-123", attachment);
        }

        f.Require(attachments.Count(a => FrenchXPath.AnyIs(a.Elements(Name), "LISIBLE")) <= 1, "BR-FR-18_BT-123", d.Root);
    }

    private static void CheckDocumentTypes(IEnumerable<XElement> codes, string term, FrenchFindings f)
    {
        foreach (var code in codes)
        {
            f.Require(FrenchFormats.DocumentTypes.Contains(code.Value), "BR-FR-04_" + term, code);
        }
    }

    /// <summary>
    /// A category from the French list, never L or M. A line of status GROUP or INFORMATION (a sub-total or a
    /// comment line) may have no category at all.
    /// </summary>
    private static void CheckCategories(IEnumerable<XElement> taxes, string term, FrenchFindings f)
    {
        foreach (var tax in taxes)
        {
            var categories = tax.Elements(CategoryCode).ToList();
            var valid = categories.Count > 0 && FrenchFormats.VatCategories.Contains(categories[0].Value);
            if (term == "BT-95_BT-151" && categories.Count == 0)
            {
                var line = tax.Parent?.Parent;
                valid |= line is not null && FrenchXPath.AnyIs(FrenchInvoice.LineStatus(line), "GROUP", "INFORMATION");
            }

            f.Require(valid, "BR-FR-15_" + term, tax);
            f.Require(!FrenchXPath.AnyIs(categories, "L", "M"), "BR-FR-15_" + term + "_LM", tax);
        }
    }

    private static void CheckRates(IEnumerable<XElement> taxes, string term, FrenchFindings f)
    {
        foreach (var tax in taxes)
        {
            var rate = FrenchXPath.String(tax.Elements(RatePercent));
            f.Require(rate.Length == 0 || FrenchFormats.VatRates.Contains(rate), "BR-FR-16_" + term, tax);
        }
    }
}
