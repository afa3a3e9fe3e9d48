using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Comptoir.Core.Invoicing;
using Comptoir.FacturX.Model;
using Comptoir.FacturX.Validation;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Where a validator finding points in the API's request: the finding's location (a CII path with line indexes) and
/// business term (BT-xx) translated by a small table into a JSON pointer: an item's field for what lies in an invoice
/// line, the client for the buyer, the invoice's settings for the seller, and the nearest object the request has for
/// the rest. The request's shape differs per resource (an invoice's items, a credit note's lines), so the resource
/// says how to name an item and its other objects.
/// </summary>
/// <param name="Item">The pointer of the document's line n and, when the request has it, one of its fields (null: the line itself).</param>
/// <param name="Client">What the buyer comes from (/client_id).</param>
/// <param name="Settings">What the seller's identifiers and mentions come from (/settings).</param>
/// <param name="Document">The nearest object for the rest (the request's root).</param>
[PublicSurface]
public sealed partial record FindingPointers(Func<int, string?, string> Item, string Client, string Settings, string Document)
{
    /// <summary>The pointers of a client invoice request.</summary>
    public static FindingPointers ClientInvoice { get; } = new(
        (line, field) => field is null ? $"/items/{line}" : $"/items/{line}/{field}", "/client_id", "/settings", string.Empty);

    private const string Line = "IncludedSupplyChainTradeLineItem";

    /// <summary>The JSON pointer of <paramref name="finding"/>, found in <paramref name="invoice"/> and the <paramref name="xml"/> it was written as.</summary>
    public string Of(ValidationFinding finding, InvoiceDocument invoice, XDocument xml)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(invoice);
        var steps = Steps(finding.Location);
        var lineStep = steps.FindIndex(s => s.Name == Line);
        if (lineStep >= 0)
        {
            var line = steps[lineStep].Position - 1;
            return Item(line, LineField(steps.Skip(lineStep + 1).Select(s => s.Name).ToList(), invoice.Lines.ElementAtOrDefault(line)));
        }

        var names = steps.Select(s => s.Name).ToList();
        if (names.Contains("SellerTradeParty"))
        {
            return finding.Field switch
            {
                "BT-31" => Settings + "/vat_number",
                "BT-32" => Settings + "/tax_number",
                _ => Settings,
            };
        }

        if (names.Contains("BuyerTradeParty") || names.Contains("ShipToTradeParty"))
        {
            return Client;
        }

        if (Follows(names, "ApplicableHeaderTradeSettlement", "ApplicableTradeTax"))
        {
            // A VAT breakdown row (or a field of it): its category's first line, where the category was chosen.
            var row = steps.Take(names.IndexOf("ApplicableHeaderTradeSettlement") + 2).ToList();
            var category = Resolve(xml, row)?.Elements().FirstOrDefault(e => e.Name.LocalName == "CategoryCode")?.Value;
            var first = invoice.Lines.ToList().FindIndex(l => l.VatCategory.ToCode() == category);
            return first >= 0 ? Item(first, CategoryField(invoice.Lines[first])) : Document;
        }

        return ByBusinessTerm(finding.Field) ?? HeaderField(names) ?? Document;
    }

    /// <summary>The item field a path inside a CII line comes from (null: the line as a whole).</summary>
    private static string? LineField(List<string> inside, InvoiceItem? item) => inside switch
    {
        ["SpecifiedTradeProduct", "Name", ..] => "title",
        ["SpecifiedTradeProduct", "Description", ..] => "description",
        ["SpecifiedLineTradeAgreement", ..] when inside.Contains("AppliedTradeAllowanceCharge") => "discount",
        ["SpecifiedLineTradeAgreement", ..] => "unit_price",
        ["SpecifiedLineTradeDelivery", ..] => "quantity",
        ["SpecifiedLineTradeSettlement", "ApplicableTradeTax", ..] => item is null ? "vat_rate" : CategoryField(item),
        ["SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge", ..] => "discount",
        _ => null,
    };

    /// <summary>An exempt line's category comes from its exemption reason, a taxed line's from its rate.</summary>
    private static string CategoryField(InvoiceItem item) => item.Exemption is null ? "vat_rate" : "vat_exemption_reason";

    private string? ByBusinessTerm(string? term) => term switch
    {
        "BT-1" => "/number",
        "BT-2" => "/issue_date",
        "BT-9" => "/due_date",
        "BT-31" => Settings + "/vat_number",
        "BT-32" => Settings + "/tax_number",
        "BT-44" or "BT-48" or "BT-55" => Client,
        _ => null,
    };

    private string? HeaderField(List<string> names) =>
        Follows(names, "ExchangedDocument", "ID") ? "/number"
        : Follows(names, "ExchangedDocument", "IssueDateTime") ? "/issue_date"
        : Follows(names, "ExchangedDocument", "IncludedNote") ? Settings
        : names.Contains("SpecifiedTradeSettlementPaymentMeans") ? "/payment_methods"
        : names.Contains("SpecifiedTradePaymentTerms") ? "/due_date"
        : names.Contains("ApplicableHeaderTradeDelivery") ? Client
        : null;

    /// <summary>Whether <paramref name="child"/> comes right after <paramref name="parent"/> in the path.</summary>
    private static bool Follows(List<string> names, string parent, string child)
    {
        var at = names.IndexOf(parent);
        return at >= 0 && at + 1 < names.Count && names[at + 1] == child;
    }

    private readonly record struct Step(string Name, int Position);

    /// <summary>"/rsm:A/ram:B[2]/@c" as (A, 1), (B, 2); attributes are left out.</summary>
    private static List<Step> Steps(string location)
    {
        var steps = new List<Step>();
        foreach (var part in location.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var match = StepPattern().Match(part);
            if (match.Success)
            {
                steps.Add(new Step(match.Groups["name"].Value, match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 1));
            }
        }

        return steps;
    }

    private static XElement? Resolve(XDocument xml, List<Step> steps)
    {
        var element = xml.Root;
        if (element is null || steps.Count == 0 || element.Name.LocalName != steps[0].Name)
        {
            return null;
        }

        foreach (var step in steps.Skip(1))
        {
            element = element.Elements().Where(e => e.Name.LocalName == step.Name).Skip(step.Position - 1).FirstOrDefault();
            if (element is null)
            {
                return null;
            }
        }

        return element;
    }

    [GeneratedRegex(@"^(?:[\w-]+:)?(?<name>[\w-]+)(?:\[(?<n>\d+)\])?$")]
    private static partial Regex StepPattern();
}
