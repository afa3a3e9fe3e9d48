using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>The rules whose context is the invoice itself (BR-01 to BR-16, BR-62, BR-63, BR-CO-15).</summary>
internal static class CiiInvoiceRules
{
    public static void Check(CiiDocument d, FindingCollector f)
    {
        var root = d.Root;
        var header = root.Element(ExchangedDocument);
        var seller = d.Agreement?.Element(Seller);
        var buyer = d.Agreement?.Element(Buyer);

        f.Require(XsValues.HasText(root.Element(ExchangedDocumentContext)?.Element(GuidelineParameter)?.Element(Id)), Br01, root);
        f.Require(XsValues.HasText(header?.Element(Id)), Br02, root);
        f.Require(XsValues.HasText(header?.Element(IssueDateTime)?.Elements(DateTimeString).FirstOrDefault(s => (string?)s.Attribute("format") == "102")), Br03, root);
        f.Require(XsValues.HasText(header?.Element(TypeCodeName)), Br04, root);
        f.Require(XsValues.HasText(d.Settlement?.Element(InvoiceCurrencyCode)), Br05, root);
        f.Require(XsValues.HasText(seller?.Element(Name)), Br06, root);
        f.Require(XsValues.HasText(buyer?.Element(Name)), Br07, root);
        f.Require(seller?.Element(PostalAddress) is not null, Br08, root);
        f.Require(XsValues.HasText(seller?.Element(PostalAddress)?.Element(CountryId)), Br09, root);
        f.Require(buyer?.Element(PostalAddress) is not null, Br10, root);
        f.Require(XsValues.HasText(buyer?.Element(PostalAddress)?.Element(CountryId)), Br11, root);
        f.Require(d.Any(LineItem), Br16, root);
        f.Require(ElectronicAddressHasScheme(seller), Br62, root);
        f.Require(ElectronicAddressHasScheme(buyer), Br63, root);
        f.Require(GrandTotalIsBasisPlusTax(d), BrCo15, root);
    }

    /// <summary>The first URIUniversalCommunication's URIID has a schemeID, or there is none.</summary>
    private static bool ElectronicAddressHasScheme(XElement? party)
    {
        var first = party?.Element(UriCommunication);
        return first is null || XsValues.HasText(first.Element(UriId)?.Attribute("schemeID"));
    }

    /// <summary>
    /// BR-CO-15 as bound to CII: for every invoice currency, exactly one TaxTotalAmount in that currency and
    /// BT-112 = round(BT-109 + BT-110), or else BT-112 = BT-109 (decimal arithmetic).
    /// </summary>
    private static bool GrandTotalIsBasisPlusTax(CiiDocument d)
    {
        var summation = d.Settlement?.Elements(Summation).ToList() ?? [];
        var grand = XsValues.Decimal(summation.Elements(GrandTotalAmount).FirstOrDefault());
        var basis = XsValues.Decimal(summation.Elements(TaxBasisTotalAmount).FirstOrDefault());
        foreach (var currency in d.InvoiceCurrencies)
        {
            var taxes = summation.Elements(TaxTotalAmount).Where(t => (string?)t.Attribute("currencyID") == currency.Value).ToList();
            var tax = XsValues.Decimal(taxes.FirstOrDefault());
            var withTax = taxes.Count == 1 && grand is { } g && basis is { } b && tax is { } t && g == XsValues.Round((b + t) * 100m) / 100m;
            var withoutTax = grand is { } g2 && basis is { } b2 && g2 == b2;
            if (!withTax && !withoutTax)
            {
                return false;
            }
        }

        return true;
    }
}
