using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>
/// A UBL invoice or credit note prepared for the rules: the XML with every element indexed by name in document
/// order (see <see cref="Cii.CiiDocument"/> for why the rules read the XML rather than a read model).
/// </summary>
internal sealed class UblDocument
{
    private readonly Dictionary<XName, List<XElement>> byName = [];

    public UblDocument(XElement root)
    {
        Root = root;
        foreach (var element in root.DescendantsAndSelf())
        {
            if (!byName.TryGetValue(element.Name, out var list))
            {
                byName[element.Name] = list = [];
            }

            list.Add(element);
        }
    }

    public XElement Root { get; }

    public bool IsCreditNote => Root.Name.LocalName == "CreditNote";

    public IReadOnlyList<XElement> All(XName name) => byName.TryGetValue(name, out var list) ? list : [];

    public bool Any(XName name) => byName.ContainsKey(name);

    public IEnumerable<KeyValuePair<XName, List<XElement>>> Names => byName;

    /// <summary>The root's own cac:AllowanceCharge (document level, BG-20 and BG-21).</summary>
    public IEnumerable<XElement> DocumentAllowanceCharges => Root.Elements(AllowanceCharge);

    /// <summary>[cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT'].</summary>
    public static bool IsVat(XElement element) =>
        element.Elements(TaxScheme).Elements(Id).Any(id => XsValues.NormalizeSpace(id.Value.ToUpperInvariant()) == "VAT");

    /// <summary>normalize-space(cbc:ID) = code.</summary>
    public static bool HasId(XElement element, string code) => element.Elements(Id).Any(id => XsValues.NormalizeSpace(id.Value) == code);

    /// <summary>cbc:ChargeIndicator compared with a boolean.</summary>
    public static bool IndicatorIs(XElement allowanceCharge, bool charge) =>
        allowanceCharge.Elements(ChargeIndicator).Any(i => XsValues.Boolean(i.Value) == charge);

    /// <summary>cac:PartyTaxScheme[VAT]/cbc:CompanyID of a party.</summary>
    public static IEnumerable<XElement> VatIds(IEnumerable<XElement> parties) => parties.Elements(PartyTaxScheme).Where(IsVat).Elements(CompanyId);
}
