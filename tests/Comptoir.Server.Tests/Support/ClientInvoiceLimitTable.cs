using System.Text;
using System.Text.Json.Nodes;
using Comptoir.Server.ClientInvoices;

namespace Comptoir.Server.Tests.Support;

/// <summary>
/// One table of the client-invoice limits and rules, with two runners (ClientInvoiceLimitsTests): the API
/// (POST /v2/client_invoices) and ClientInvoiceJson (the Factur-X mapping behind <c>comptoir facturx generate</c>).
/// Each case changes a valid invoice; both must accept it, or both refuse it with the same status, code and pointer.
/// Limits are tested on both sides of the edge.
/// </summary>
public static class ClientInvoiceLimitTable
{
    /// <summary>A change to a valid flat invoice body, and what both readers must answer (201 means accepted).</summary>
    public sealed record Case(Action<JsonObject> Change, int Status, string? Code = null, string? Pointer = null)
    {
        public bool Accepted => Status == 201;
    }

    private static readonly Dictionary<string, Case> Cases = Build();

    public static IReadOnlyCollection<string> AllNames => Cases.Keys;

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var name in Cases.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    public static Case Get(string name) => Cases[name];

    /// <summary>The size of <paramref name="body"/> as both runners send it.</summary>
    public static int SizeOf(JsonObject body) => Encoding.UTF8.GetByteCount(body.ToJsonString());

    private static Dictionary<string, Case> Build()
    {
        var cases = new Dictionary<string, Case>();
        void Accepts(string name, Action<JsonObject> change) => cases.Add(name, new Case(change, 201));
        void Refuses(string name, Action<JsonObject> change, string code, string pointer) => cases.Add(name, new Case(change, 422, code, pointer));

        // A text field: its longest value passes, one more character is too long.
        void Text(string path, int max)
        {
            Accepts($"{path} of {max} characters", b => Set(b, path, new string('a', max)));
            Refuses($"{path} of {max + 1} characters", b => Set(b, path, new string('a', max + 1)), "too_long", "/" + path);
        }

        cases.Add("a body of exactly the limit", new Case(b => PadTo(b, ClientInvoiceRules.MaxBodyBytes), 201));
        cases.Add("a body one byte over the limit", new Case(b => PadTo(b, ClientInvoiceRules.MaxBodyBytes + 1), 413, "payload_too_large", ""));

        Accepts($"{ClientInvoiceRules.MaxItems} items", b => b["items"] = Items(b, ClientInvoiceRules.MaxItems));
        Refuses($"{ClientInvoiceRules.MaxItems + 1} items", b => b["items"] = Items(b, ClientInvoiceRules.MaxItems + 1), "too_long", "/items");
        // The invoice total, VAT included, is at most MaxTotal (90,000,000,000,000.00 EUR): three items of 30 billion
        // reach it, a fourth of one cent passes it and is the item named; the tester's 1,000 largest lines overflowed 64-bit cents.
        Accepts("items totalling the largest invoice total", b => b["items"] = Lines(b, 3, "250000", "100000000"));
        Refuses("items totalling one cent over the largest invoice total", b =>
        {
            b["items"] = Lines(b, 3, "250000", "100000000");
            b["items"]!.AsArray().Add(Line(b, "1", "0.01"));
        }, "invalid", "/items/3/unit_price");
        Refuses($"{ClientInvoiceRules.MaxItems} items of the largest quantity and unit_price", b => b["items"] = Lines(b, ClientInvoiceRules.MaxItems, "1000000", "100000000"), "invalid", "/items/0/unit_price");
        Refuses("five items whose running total passes the largest at the fourth", b => b["items"] = Lines(b, 5, "200000", "100000000"), "invalid", "/items/3/unit_price");
        Refuses("no items (BR-16)", b => b["items"] = new JsonArray(), "required", "/items");
        Refuses("items that are not an array", b => b["items"] = "nope", "invalid_type", "/items");

        Text("header", ClientInvoiceRules.MaxHeaderLength);
        Text("footer", ClientInvoiceRules.MaxFooterLength);
        Text("terms_and_conditions", ClientInvoiceRules.MaxTermsLength);
        Text("purchase_order", ClientInvoiceRules.MaxPurchaseOrderLength);
        Text("contact_email", ClientInvoiceRules.MaxContactEmailLength);
        Refuses("a header with a control character", b => b["header"] = "Merci\u0007", "invalid", "/header");

        Accepts($"a French number of {ClientInvoiceRules.MaxFrenchNumberLength} characters", b => b["number"] = "N-" + new string('7', ClientInvoiceRules.MaxFrenchNumberLength - 2));
        Refuses($"a French number of {ClientInvoiceRules.MaxFrenchNumberLength + 1} characters (BR-FR-01)", b => b["number"] = new string('7', ClientInvoiceRules.MaxFrenchNumberLength + 1), "invalid", "/number");
        Refuses($"a number of {ClientInvoiceRules.MaxNumberLength + 1} characters", b => b["number"] = new string('7', ClientInvoiceRules.MaxNumberLength + 1), "too_long", "/number");
        Refuses("a French number with spaces (BR-FR-02)", b => b["number"] = "F 2026 001", "invalid", "/number");

        Refuses("an impossible issue_date", b => b["issue_date"] = "2026-02-30", "invalid", "/issue_date");
        Refuses("no issue_date (BR-03)", b => b.Remove("issue_date"), "required", "/issue_date");
        Refuses("no due_date", b => b.Remove("due_date"), "required", "/due_date");
        Refuses("a due_date before the issue_date", b => b["due_date"] = "2026-03-18", "invalid", "/due_date");
        Refuses("a currency other than EUR", b => b["currency"] = "USD", "not_in_list", "/currency");
        Refuses("a performance end without a start", b => b["performance_end_date"] = "2026-03-31", "required", "/performance_start_date");
        Refuses("a performance period ending before it starts (BR-29)", b =>
        {
            b["performance_start_date"] = "2026-03-31";
            b["performance_end_date"] = "2026-03-01";
        }, "invalid", "/performance_end_date");

        Text("items/0/title", ClientInvoiceRules.MaxTitleLength);
        Text("items/0/description", ClientInvoiceRules.MaxDescriptionLength);
        Text("items/0/unit", ClientInvoiceRules.MaxUnitLength);
        Refuses("an item without a title (BR-25)", b => Item(b).Remove("title"), "required", "/items/0/title");
        Accepts("the largest quantity", b => Item(b)["quantity"] = "1000000");
        Refuses("a quantity over the largest", b => Item(b)["quantity"] = "1000000.0001", "invalid", "/items/0/quantity");
        Accepts("a quantity with 4 decimals", b => Item(b)["quantity"] = "0.0001");
        Refuses("a quantity with 5 decimals", b => Item(b)["quantity"] = "0.00001", "invalid", "/items/0/quantity");
        Refuses("a zero quantity", b => Item(b)["quantity"] = "0", "invalid", "/items/0/quantity");
        Refuses("a quantity with an exponent", b => Item(b)["quantity"] = "1e3", "invalid", "/items/0/quantity");
        Accepts("the largest unit_price", b => Item(b)["unit_price"] = Money("100000000"));
        Refuses("a unit_price over the largest", b => Item(b)["unit_price"] = Money("100000000.01"), "invalid", "/items/0/unit_price");
        Accepts("a unit_price with 6 decimals", b => Item(b)["unit_price"] = Money("0.000001"));
        Refuses("a unit_price with 7 decimals", b => Item(b)["unit_price"] = Money("0.0000001"), "invalid", "/items/0/unit_price");
        Refuses("a negative unit_price (BR-27)", b => Item(b)["unit_price"] = Money("-1"), "invalid", "/items/0/unit_price");
        Refuses("a unit_price in USD", b => Item(b)["unit_price"] = Money("10", "USD"), "not_in_list", "/items/0/unit_price/currency");
        Accepts("a French rate with 4 decimals", b => Item(b)["vat_rate"] = "0.0105");
        Refuses("a vat_rate of 1 or more", b => Item(b)["vat_rate"] = "1", "invalid", "/items/0/vat_rate");
        Refuses("a rate France does not have (BR-FR-16)", b => Item(b)["vat_rate"] = "0.19", "not_in_list", "/items/0/vat_rate");
        Accepts("a zero rate with an exemption reason", b => Exempt(b, "S262TER"));
        Refuses("an exemption reason on a standard rate", b => Item(b)["vat_exemption_reason"] = "S261", "invalid", "/items/0/vat_exemption_reason");
        Refuses("an unknown exemption reason", b => Exempt(b, "S999"), "not_in_list", "/items/0/vat_exemption_reason");
        Accepts("an absolute discount of the whole line", b => Item(b)["discount"] = Discount("absolute", "1500"));
        Refuses("an absolute discount over the line", b => Item(b)["discount"] = Discount("absolute", "1500.01"), "invalid", "/items/0/discount/value");
        Refuses("a percentage discount over 100 %", b => Item(b)["discount"] = Discount("percentage", "1.5"), "invalid", "/items/0/discount/value");
        Refuses("an unknown discount type", b => Item(b)["discount"] = Discount("bogus", "1"), "not_in_list", "/items/0/discount/type");

        Text("settings/vat_number", ClientInvoiceRules.MaxVatNumberLength);
        Text("settings/company_leadership", ClientInvoiceRules.MaxRegistrationTextLength);
        Text("settings/district_court", ClientInvoiceRules.MaxRegistrationTextLength);
        Text("settings/commercial_register_number", ClientInvoiceRules.MaxRegistrationTextLength);
        Text("settings/tax_number", ClientInvoiceRules.MaxTaxNumberLength);
        Text("settings/discount_conditions", ClientInvoiceRules.MaxMentionLength);
        Text("settings/late_payment_penalties", ClientInvoiceRules.MaxMentionLength);
        Text("settings/legal_fixed_compensation", ClientInvoiceRules.MaxMentionLength);
        Refuses("an unknown transaction_type", b => Set(b, "settings/transaction_type", "barter"), "not_in_list", "/settings/transaction_type");
        Refuses("an unknown vat_payment_condition", b => Set(b, "settings/vat_payment_condition", "never"), "not_in_list", "/settings/vat_payment_condition");
        Refuses("a negative legal_capital_share", b => Set(b, "settings/legal_capital_share", Money("-1")), "invalid", "/settings/legal_capital_share");

        Refuses("no payment_methods", b => b.Remove("payment_methods"), "required", "/payment_methods");
        Refuses("a payment method without an IBAN", b => b["payment_methods"] = new JsonObject(), "required", "/payment_methods/iban");
        Refuses($"an IBAN of {ClientInvoiceRules.MaxIbanLength + 1} characters", b => Set(b, "payment_methods/iban", new string('7', ClientInvoiceRules.MaxIbanLength + 1)), "too_long", "/payment_methods/iban");
        return cases;
    }

    private static JsonObject Item(JsonObject body) => body["items"]![0]!.AsObject();

    private static void Exempt(JsonObject body, string reason)
    {
        Item(body)["vat_rate"] = "0";
        Item(body)["vat_exemption_reason"] = reason;
    }

    private static JsonObject Money(string value, string currency = "EUR") => new() { ["value"] = value, ["currency"] = currency };

    private static JsonObject Discount(string type, string value) => new() { ["type"] = type, ["value"] = value };

    /// <summary>An item like the body's first, with this quantity and unit price (at 20 % VAT).</summary>
    private static JsonObject Line(JsonObject body, string quantity, string unitPrice)
    {
        var line = Item(body).DeepClone().AsObject();
        line["quantity"] = quantity;
        line["unit_price"] = Money(unitPrice);
        line["vat_rate"] = "0.20";
        return line;
    }

    private static JsonArray Lines(JsonObject body, int count, string quantity, string unitPrice) =>
        new([.. Enumerable.Range(0, count).Select(_ => Line(body, quantity, unitPrice))]);

    private static JsonArray Items(JsonObject body, int count)
    {
        var items = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            items.Add(Item(body).DeepClone());
        }

        return items;
    }

    /// <summary>Sets a value at a path such as "settings/tax_number", creating the objects on the way.</summary>
    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var segments = path.Split('/');
        JsonNode target = body;
        foreach (var segment in segments[..^1])
        {
            target = int.TryParse(segment, out var index) ? target[index]! : (target[segment] ??= new JsonObject());
        }

        target[segments[^1]] = value;
    }

    /// <summary>Adds an unknown field so that the body is exactly <paramref name="size"/> bytes.</summary>
    private static void PadTo(JsonObject body, int size)
    {
        body["padding"] = string.Empty;
        body["padding"] = new string('x', size - SizeOf(body));
    }
}
