using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>The rules whose context is the invoice or credit note itself (BR-01 to BR-16, BR-53, BR-CO-03,
/// BR-CO-15, BR-CO-18), as bound to UBL.</summary>
internal static class UblInvoiceRules
{
    public static void Check(UblDocument d, FindingCollector f)
    {
        var root = d.Root;
        var supplier = root.Elements(AccountingSupplierParty).Elements(Party).ToList();
        var customer = root.Elements(AccountingCustomerParty).Elements(Party).ToList();

        f.Require(XsValues.HasText(root.Element(CustomizationId)), Br01, root);
        f.Require(XsValues.HasText(root.Element(Id)), Br02, root);
        f.Require(XsValues.HasText(root.Element(IssueDate)), Br03, root);
        f.Require(XsValues.HasText(root.Element(InvoiceTypeCode)) || XsValues.HasText(root.Element(CreditNoteTypeCode)), Br04, root);
        f.Require(XsValues.HasText(root.Element(DocumentCurrencyCode)), Br05, root);
        f.Require(XsValues.HasText(supplier.Elements(PartyLegalEntity).Elements(RegistrationName).FirstOrDefault()), Br06, root);
        f.Require(XsValues.HasText(customer.Elements(PartyLegalEntity).Elements(RegistrationName).FirstOrDefault()), Br07, root);
        f.Require(supplier.Elements(PostalAddress).Any(), Br08, root);
        f.Require(customer.Elements(PostalAddress).Any(), Br10, root);
        f.Require(root.Element(InvoiceLine) is not null || root.Element(CreditNoteLine) is not null, Br16, root);

        var taxAmounts = d.All(TaxAmount).Where(t => t.Parent?.Name == TaxTotal).ToList();
        f.Require(root.Elements(TaxCurrencyCode).All(c => taxAmounts.Any(t => (string?)t.Attribute("currencyID") == c.Value)), Br53, root);
        f.Require(!(root.Element(TaxPointDate) is not null && root.Elements(InvoicePeriod).Elements(DescriptionCode).Any()), BrCo03, root);
        f.Require(GrandTotalIsBasisPlusTax(root), BrCo15, root);
        f.Require(root.Elements(TaxTotal).Elements(TaxSubtotal).Any(), BrCo18, root);

        // BR-DEC-13 and BR-DEC-15 are not checked: as bound in UBL they compare @currencyID with a
        // DocumentCurrencyCode (TaxCurrencyCode) child of the tax amount, which never exists, so they always hold.
    }

    /// <summary>BR-CO-15: for every document currency, exactly one TaxAmount in it and BT-112 = round(BT-109 + BT-110).</summary>
    private static bool GrandTotalIsBasisPlusTax(XElement root)
    {
        var totals = root.Elements(LegalMonetaryTotal).ToList();
        foreach (var currency in root.Elements(DocumentCurrencyCode))
        {
            var taxes = root.Elements(TaxTotal).Elements(TaxAmount).Where(t => (string?)t.Attribute("currencyID") == currency.Value).ToList();
            if (taxes.Count != 1 || totals.Count != 1)
            {
                return false;
            }

            var inclusive = XsValues.Decimal(totals[0].Element(TaxInclusiveAmount));
            var exclusive = XsValues.Decimal(totals[0].Element(TaxExclusiveAmount));
            var tax = XsValues.Decimal(taxes[0]);
            if (inclusive is not { } i || exclusive is not { } e || tax is not { } t || i != XsValues.Cents(e + t))
            {
                return false;
            }
        }

        return true;
    }
}
