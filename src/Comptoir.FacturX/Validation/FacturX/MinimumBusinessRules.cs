using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The business rules as the Factur-X MINIMUM rule set binds them (BR-01 to BR-09, BR-13 to BR-15, BR-CO-09,
/// BR-CO-26, BR-DEC-12 to 14 and 18). Same ids as EN 16931, other tests: no normalize-space (a blank name passes),
/// the seller's address looked for anywhere (//), the VAT prefix list of the Factur-X rules.
/// </summary>
internal static class MinimumBusinessRules
{
    public static void Check(CiiDocument d, FindingCollector f)
    {
        foreach (var seller in d.All(Seller))
        {
            f.Require(
                seller.Element(Id) is not null || seller.Element(GlobalId) is not null || seller.Elements(LegalOrganization).Elements(Id).Any() || CiiDocument.TaxIds(seller, "VA").Any(),
                BrCo26,
                seller);
        }

        foreach (var vatId in d.All(Id).Where(id => id.Parent?.Name == TaxRegistration && (string?)id.Attribute("schemeID") == "VA"))
        {
            f.Require(HasVatPrefix(vatId.Value), BrCo09, vatId);
        }

        foreach (var totals in d.All(Summation))
        {
            f.Require(totals.Element(TaxBasisTotalAmount) is not null, Br13, totals);
            f.Require(totals.Element(GrandTotalAmount) is not null, Br14, totals);
            f.Require(totals.Element(DuePayableAmount) is not null, Br15, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(TaxBasisTotalAmount)), BrDec12, totals);
            f.Require(TaxTotalInCents(d, totals), BrDec13, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(GrandTotalAmount)), BrDec14, totals);
            f.Require(XsValues.AtMostTwoDecimals(totals.Element(DuePayableAmount)), BrDec18, totals);
        }

        CheckHeaderAndSeller(d, f);
    }

    /// <summary>BR-01 to BR-09 as every profile from MINIMUM up binds them (the same context and test in each).</summary>
    public static void CheckHeaderAndSeller(CiiDocument d, FindingCollector f)
    {
        var root = d.Root;
        var header = root.Elements(ExchangedDocument).ToList();
        var agreements = root.Elements(SupplyChainTradeTransaction).Elements(Agreement).ToList();
        f.Require(AnyNotEmpty(root.Elements(ExchangedDocumentContext).Elements(GuidelineParameter).Elements(Id)), Br01, root);
        f.Require(AnyNotEmpty(header.Elements(Id)), Br02, root);
        f.Require(AnyNotEmpty(header.Elements(IssueDateTime).Elements(DateTimeString).Where(s => (string?)s.Attribute("format") == "102")), Br03, root);
        f.Require(AnyNotEmpty(header.Elements(TypeCodeName)), Br04, root);
        f.Require(AnyNotEmpty(root.Elements(SupplyChainTradeTransaction).Elements(Settlement).Elements(InvoiceCurrencyCode)), Br05, root);
        f.Require(AnyNotEmpty(agreements.Elements(Seller).Elements(Name)), Br06, root);
        f.Require(AnyNotEmpty(agreements.Elements(Buyer).Elements(Name)), Br07, root);
        f.Require(d.All(Seller).Elements(PostalAddress).Any(), Br08, root);
        f.Require(AnyNotEmpty(d.All(Seller).Elements(PostalAddress).Elements(CountryId)), Br09, root);
    }

    /// <summary>The general comparison "nodes != ''": some node's text is not empty (blanks count as text).</summary>
    public static bool AnyNotEmpty(IEnumerable<XElement> nodes) => nodes.Any(n => n.Value.Length > 0);

    /// <summary>contains(' 1A AD ... ', concat(' ', substring(., 1, 2), ' ')).</summary>
    public static bool HasVatPrefix(string value)
    {
        var prefix = value.EnumerateRunes().Take(2).Aggregate(string.Empty, (text, rune) => text + rune.ToString());
        return FacturXCodeLists.VatPrefixes.Contains(" " + prefix + " ", StringComparison.Ordinal);
    }

    /// <summary>
    /// BR-DEC-13: no TaxTotalAmount, or one in the invoice currency in whole cents (. = round(. * 100) div 100), or
    /// one in another currency.
    /// </summary>
    private static bool TaxTotalInCents(CiiDocument d, XElement totals)
    {
        var amounts = totals.Elements(TaxTotalAmount).ToList();
        if (amounts.Count == 0)
        {
            return true;
        }

        var currencies = d.Root.Elements(SupplyChainTradeTransaction).Elements(Settlement).Elements(InvoiceCurrencyCode).Select(c => c.Value).ToList();
        return amounts.Any(t =>
        {
            var inCurrency = t.Attribute("currencyID") is { } currency && currencies.Contains(currency.Value);
            return !inCurrency || (XsValues.Double(t.Value) is { } v && v == XsValues.Round(v * 100) / 100);
        });
    }
}
