using System.Xml.Linq;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The conditions the official structure rules put on a path step, each as XPath's general comparison reads it
/// (some child's text equals the value). "name=a" holds when one of them equals a; "name!=a,b" when none does.
/// </summary>
internal static class StepConditions
{
    public static Func<XElement, bool> Parse(string text)
    {
        var negated = text.Contains("!=", StringComparison.Ordinal);
        var parts = text.Split(negated ? "!=" : "=");
        var values = parts[1].Split(',');
        Func<XElement, string, bool> test = parts[0] switch
        {
            "type" => (e, v) => e.Elements(TypeCodeName).Any(t => t.Value == v),
            "scheme" => (e, v) => e.Elements(Id).Attributes("schemeID").Any(a => a.Value == v),
            "indicator" => (e, v) => e.Elements(ChargeIndicator).Elements(Indicator).Any(i => i.Value == v),
            "currency" => (e, v) => CurrencyIs(e, v == "invoice" ? InvoiceCurrencyCode : TaxCurrencyCode),
            "documentCurrency" => (e, v) => DocumentCurrencyIs(e, v == "invoice" ? InvoiceCurrencyCode : TaxCurrencyCode),
            "listID" => (e, v) => v.Length == 0 ? e.Attribute("listID") is null : (string?)e.Attribute("listID") == v,
            _ => throw new ArgumentException($"Unknown step condition [{text}]"),
        };
        return negated ? e => !values.Any(v => test(e, v)) : e => test(e, values[0]);
    }

    /// <summary>@currencyID = ../../ram:InvoiceCurrencyCode (or TaxCurrencyCode): false without the attribute.</summary>
    private static bool CurrencyIs(XElement amount, XName code) =>
        amount.Attribute("currencyID") is { } currency && (amount.Parent?.Parent?.Elements(code).Any(c => c.Value == currency.Value) ?? false);

    /// <summary>@currencyID = /rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode (or TaxCurrencyCode).</summary>
    private static bool DocumentCurrencyIs(XElement amount, XName code) =>
        amount.Attribute("currencyID") is { } currency
            && amount.Document?.Root is { } root
            && root.Name == CrossIndustryInvoice
            && root.Elements(SupplyChainTradeTransaction).Elements(Settlement).Elements(code).Any(c => c.Value == currency.Value);
}
