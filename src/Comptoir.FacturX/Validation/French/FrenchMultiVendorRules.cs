using System.Xml.Linq;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// The shape of an invoice that bundles sub-invoices (BT-23 S8, B8, M8: multi-vendor; S9, B9, M9: bidirectional).
/// Every line has a status (BR-FR-MV-01); there is at least one group head (a GROUP line without parent,
/// BR-FR-MV-02), exactly two for a bidirectional one, one per party (BR-FR-BD-02); each head names its vendor and
/// VAT total and its sub-invoice number (BR-FR-MV-03); the document type is not self-billed for multi-vendor
/// (BR-FR-MV-13) and is for bidirectional (BR-FR-BD-13); corrective invoices and credit notes refer to the earlier
/// invoice on each head (BR-FR-MV-14, BR-FR-BD-14). Every rule holds for any other billing mode.
/// </summary>
internal static class FrenchMultiVendorRules
{
    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        if (!d.IsSpecialContract)
        {
            return;
        }

        foreach (var status in d.Lines.SelectMany(FrenchInvoice.LineStatus))
        {
            f.Require(Engine.XsValues.HasText(status), "BR-FR-MV-01_EXT-FR-FE-163", status);
        }

        foreach (var transaction in d.Transactions)
        {
            var heads = transaction.Elements(LineItem).Where(FrenchInvoice.IsGroupHead).ToList();
            f.Require(!d.IsMultiVendor || heads.Count >= 1, "BR-FR-MV-02_EXT-FR-FE-163", transaction);
            if (d.IsBidirectional)
            {
                var agreement = transaction.Elements(Agreement).ToList();
                var sellerIds = agreement.Elements(Seller).Elements(LegalOrganization).Elements(Id).ToList();
                var buyerIds = agreement.Elements(Buyer).Elements(LegalOrganization).Elements(Id).ToList();
                f.Require(heads.Count == 2, "BR-FR-BD-02_EXT-FR-FE-163", transaction);
                f.Require(heads.Count(h => FrenchXPath.AnyShared(FrenchInvoice.ItemSellerLegalIds(h), sellerIds)) == 1, "BR-FR-BD-02_BT-31", transaction);
                f.Require(heads.Count(h => FrenchXPath.AnyShared(FrenchInvoice.ItemSellerLegalIds(h), buyerIds)) == 1, "BR-FR-BD-02_BT-47", transaction);
            }
        }

        foreach (var head in d.Lines.Where(FrenchInvoice.IsGroupHead))
        {
            CheckGroupHead(d, head, f);
        }

        foreach (var type in d.TypeCodes)
        {
            var code = Engine.XsValues.NormalizeSpace(type.Value);
            f.Require(!d.IsMultiVendor || (code.Length > 0 && !FrenchFormats.SelfBilledTypes.Contains(type.Value)), "BR-FR-MV-13_BT-3", type);
            f.Require(!d.IsBidirectional || (code.Length > 0 && FrenchFormats.SelfBilledTypes.Contains(code)), "BR-FR-BD-13_BT-3", type);
        }

        CheckEarlierInvoiceOnHeads(d, d.IsMultiVendor, ["384", "472", "381", "396", "503"], "BR-FR-MV-14", f);
        CheckEarlierInvoiceOnHeads(d, d.IsBidirectional, ["261", "471", "473", "502"], "BR-FR-BD-14", f);
    }

    private static void CheckGroupHead(FrenchInvoice d, XElement head, FrenchFindings f)
    {
        var vendor = head.Elements(LineAgreement).Elements(FrenchNames.ItemSeller).ToList();
        f.Require(FrenchInvoice.HasText(vendor.Elements(Name)), "BR-FR-MV-03_EXT-FR-FE-164", head);
        f.Require(FrenchInvoice.HasText(vendor.Elements(LegalOrganization).Elements(Id)), "BR-FR-MV-03_EXT-FR-FE-167", head);
        f.Require(FrenchInvoice.HasText(vendor.Elements(PostalAddress).Elements(CountryId)), "BR-FR-MV-03_EXT-FR-FE-177", head);

        var settlement = head.Parent!.Elements(Settlement).ToList();
        var vatTotals = head.Elements(LineSettlement).Elements(LineSummation).Elements(TaxTotalAmount).ToList();
        var invoiceCurrencies = settlement.Elements(InvoiceCurrencyCode).ToList();
        f.Require(FrenchInvoice.HasText(InCurrency(vatTotals, invoiceCurrencies)), "BR-FR-MV-03_EXT-FR-FE-181", head);
        var accountingCurrencies = settlement.Elements(TaxCurrencyCode).ToList();
        f.Require(accountingCurrencies.Count == 0
            || (FrenchXPath.AnyIsNot(accountingCurrencies, string.Empty) && FrenchInvoice.HasText(InCurrency(vatTotals, accountingCurrencies))), "BR-FR-MV-03_EXT-FR-FE-182", head);

        foreach (var reference in head.Elements(LineSettlement).Elements(AdditionalReferencedDocument))
        {
            var schemes = reference.Elements(FrenchNames.ReferenceTypeCode).ToList();
            var ids = reference.Elements(IssuerAssignedId).ToList();
            var numbered = FrenchXPath.AnyIs(reference.Elements(TypeCodeName), "130") && FrenchInvoice.HasText(ids);
            if (FrenchXPath.AnyIs(schemes, "AFL"))
            {
                f.Require(numbered, "BR-FR-MV-03_BT-128_AFL", reference);
            }
            else if (FrenchXPath.AnyIs(schemes, "AVV"))
            {
                f.Require(numbered && !FrenchXPath.AnyIs(ids, "M8", "S8", "B8"), "BR-FR-MV-03_BT-128_AVV", reference);
            }
        }
    }

    /// <summary>Amounts whose @currencyID is one of the currencies given.</summary>
    public static IEnumerable<XElement> InCurrency(IEnumerable<XElement> amounts, IReadOnlyList<XElement> currencies) =>
        amounts.Where(a => a.Attribute("currencyID") is { } currency && currencies.Any(c => c.Value == currency.Value));

    /// <summary>On a corrective invoice or credit note of the given types, every group head refers to the earlier invoice and its date.</summary>
    private static void CheckEarlierInvoiceOnHeads(FrenchInvoice d, bool applies, string[] types, string rule, FrenchFindings f)
    {
        if (!applies || !FrenchXPath.AnyIs(d.TypeCodes, types))
        {
            return;
        }

        foreach (var head in d.Lines.Where(FrenchInvoice.IsGroupHead))
        {
            var references = head.Elements(LineSettlement).Elements(InvoiceReferencedDocument).ToList();
            f.Require(references.Elements(IssuerAssignedId).Any(), rule + "-EXT-FR-FE-136", head);
            f.Require(references.Elements(FrenchNames.FormattedIssueDateTime).Elements(FrenchNames.QdtDateTimeString).Any(), rule + "-EXT-FR-FE-138", head);
        }
    }
}
