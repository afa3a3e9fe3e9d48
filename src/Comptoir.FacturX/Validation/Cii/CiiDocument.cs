using System.Runtime.InteropServices;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>
/// A CII document prepared for the rules: the XML itself (the rules are about presence and cardinality, which a
/// read model would lose) with every element indexed by name in document order, so that a rule context such as
/// //ram:SellerTradeParty is a lookup rather than a walk of the tree.
/// </summary>
internal sealed class CiiDocument
{
    // Sized for the hundred-odd names of a usual invoice, so that indexing does not rehash as names appear.
    private readonly Dictionary<XName, List<XElement>> byName = new(128);

    public CiiDocument(XElement root)
    {
        Root = root;
        List<XElement>? list = null;
        Index(root, ref list);

        Transaction = root.Element(SupplyChainTradeTransaction);
        Agreement = Transaction?.Element(CiiNames.Agreement);
        Delivery = Transaction?.Element(CiiNames.Delivery);
        Settlement = Transaction?.Element(CiiNames.Settlement);
        Lines = Transaction?.Elements(LineItem).ToList() ?? [];
        DocumentAllowanceCharges = Settlement?.Elements(AllowanceCharge).ToList() ?? [];
        VatBreakdown = Settlement?.Elements(TradeTax).ToList() ?? [];
    }

    public XElement Root { get; }

    /// <summary>Adds the element and its descendants in document order, by recursion rather than an iterator.</summary>
    private void Index(XElement element, ref List<XElement>? list)
    {
        // Consecutive elements of one name (repeated leaves such as notes) reuse the last list without a lookup.
        if (list is null || !ReferenceEquals(list[0].Name, element.Name))
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, element.Name, out _);
            list = slot ??= [];
        }

        list.Add(element);

        // A text-only element is never asked its FirstNode: that would turn its text into a node.
        if (!element.HasElements)
        {
            return;
        }

        for (var node = element.FirstNode; node is not null; node = node.NextNode)
        {
            if (node is XElement child)
            {
                Index(child, ref list);
            }
        }
    }

    public XElement? Transaction { get; }

    public XElement? Agreement { get; }

    public XElement? Delivery { get; }

    public XElement? Settlement { get; }

    /// <summary>/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem.</summary>
    public IReadOnlyList<XElement> Lines { get; }

    /// <summary>The header settlement's ram:SpecifiedTradeAllowanceCharge (BG-20, BG-21).</summary>
    public IReadOnlyList<XElement> DocumentAllowanceCharges { get; }

    /// <summary>The header settlement's ram:ApplicableTradeTax (BG-23).</summary>
    public IReadOnlyList<XElement> VatBreakdown { get; }

    /// <summary>//name: every element of that name, in document order.</summary>
    public IReadOnlyList<XElement> All(XName name) => byName.TryGetValue(name, out var list) ? list : [];

    public bool Any(XName name) => byName.ContainsKey(name);

    /// <summary>Every element, in document order (for the rules whose context is a name pattern).</summary>
    public IEnumerable<KeyValuePair<XName, List<XElement>>> Names => byName;

    public IEnumerable<XElement> InvoiceCurrencies => Settlement?.Elements(InvoiceCurrencyCode) ?? [];

    public IEnumerable<XElement> TaxCurrencies => Settlement?.Elements(TaxCurrencyCode) ?? [];

    public IEnumerable<XElement> SellerTaxIds(params string[] schemes) => TaxIds(Agreement?.Element(Seller), schemes);

    public IEnumerable<XElement> TaxRepresentativeVatIds => TaxIds(Agreement?.Element(TaxRepresentative), "VA");

    /// <summary>ram:SpecifiedTaxRegistration/ram:ID[@schemeID = one of the schemes] of a party.</summary>
    public static IEnumerable<XElement> TaxIds(XElement? party, params string[] schemes) =>
        party?.Elements(TaxRegistration).Elements(Id).Where(id => id.Attribute("schemeID") is { } scheme && schemes.Contains(scheme.Value)) ?? [];

    /// <summary>ChargeIndicator/udt:Indicator compared with a boolean (the text cast to xs:boolean).</summary>
    public static bool IndicatorIs(XElement allowanceCharge, bool charge)
    {
        foreach (var chargeIndicator in allowanceCharge.Children(ChargeIndicator))
        {
            foreach (var indicator in chargeIndicator.Children(Indicator))
            {
                if (XsValues.Boolean(indicator.Value) == charge)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>An allowance or charge's ram:ChargeIndicator/udt:Indicator = 'true' | 'false': the text compared as a string.</summary>
    public static bool IndicatorTextOf(XElement allowanceCharge, string text) =>
        allowanceCharge.Elements(ChargeIndicator).Any(i => IndicatorText(i, text));

    /// <summary>ChargeIndicator[udt:Indicator = 'true' | 'false']: the text compared as a string.</summary>
    public static bool IndicatorText(XElement chargeIndicator, string text) =>
        chargeIndicator.Elements(Indicator).Any(i => i.Value == text);

    /// <summary>ram:CategoryCode = code on any of the tax elements given (string comparison, as the rules do).</summary>
    public static bool HasCategory(XElement? tax, string code)
    {
        if (tax is null)
        {
            return false;
        }

        foreach (var category in tax.Children(CategoryCode))
        {
            if (category.Value == code)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>upper-case(ram:TypeCodeName) = 'VAT'.</summary>
    public static bool IsVat(XElement tax)
    {
        foreach (var type in tax.Children(TypeCodeName))
        {
            // Only ASCII letters upper-case to V, A and T, so an ordinal case-blind test is upper-case(.) = 'VAT'.
            if (string.Equals(type.Value, "VAT", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
