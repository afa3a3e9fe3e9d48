using Comptoir.Core.Invoicing;
using Comptoir.Core.Money;
using Comptoir.FacturX.Layout;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// The rules and limits of a client invoice's own fields, read through the strict <see cref="JsonBody"/>: the one
/// place both readers take them from, the API's request (<see cref="ClientInvoiceRequest"/>) and the Factur-X mapping
/// shared by the document worker and <c>comptoir facturx generate</c> (<see cref="ClientInvoiceJson"/>). A rule that
/// comes from a standard names its EN 16931 or French e-invoicing (BR-FR) rule; the others are the API's own.
/// Every failure is a <see cref="JsonBodyException"/> (422) whose pointer names the field.
/// </summary>
public static class ClientInvoiceRules
{
    /// <summary>Largest JSON body: the API's limit for every body.</summary>
    public const int MaxBodyBytes = JsonBody.MaxBytes;

    public const int MaxItems = 1000;

    public const int MaxNumberLength = 40;

    /// <summary>BR-FR-01: a French invoice number has at most 35 characters.</summary>
    public const int MaxFrenchNumberLength = 35;

    public const int MaxPurchaseOrderLength = 40;

    public const int MaxTermsLength = 525;

    public const int MaxHeaderLength = 1000;

    public const int MaxFooterLength = 1000;

    public const int MaxContactEmailLength = 250;

    public const int MaxTitleLength = 250;

    public const int MaxDescriptionLength = 4000;

    public const int MaxUnitLength = 40;

    public const int MaxExemptionReasonLength = 20;

    public const decimal MaxQuantity = 1_000_000m;

    public const int MaxQuantityDecimals = 4;

    public const decimal MaxUnitPrice = 100_000_000m;

    public const int MaxUnitPriceDecimals = 6;

    public const int MaxVatRateDecimals = 4;

    /// <summary>
    /// Largest invoice total, VAT included (BT-112): every amount of an invoice in cents then stays below 2^53, so it
    /// reads exactly in any JSON parser and fits the 64-bit cents the server stores. 1,000 items of the largest
    /// quantity and unit price would pass 2^63 cents.
    /// </summary>
    public const decimal MaxTotal = 90_000_000_000_000m;

    /// <summary>An IBAN as printed, in groups of four with spaces (34 characters without them).</summary>
    public const int MaxIbanLength = 42;

    /// <summary>BIC (ISO 9362): 8 or 11 characters.</summary>
    public const int MaxBicLength = 11;

    public const int MaxBeneficiaryNameLength = 140;

    public const int MaxVatNumberLength = 20;

    /// <summary>company_leadership, district_court and commercial_register_number.</summary>
    public const int MaxRegistrationTextLength = 250;

    public const int MaxTaxNumberLength = 50;

    /// <summary>discount_conditions, late_payment_penalties and legal_fixed_compensation (the BR-FR-05 notes).</summary>
    public const int MaxMentionLength = 1000;

    public static readonly IReadOnlyList<string> TransactionTypes = ["goods", "services", "both"];

    public static readonly IReadOnlyList<string> VatPaymentConditions = ["on_receipts", "on_debits", "compensated_for_sales", "exempt"];

    public static readonly IReadOnlyList<string> DiscountTypes = ["percentage", "absolute"];

    // BR-03: an invoice has an issue date.
    public static DateOnly IssueDate(JsonBody body) =>
        body.Date("issue_date") ?? throw body.Required("issue_date", "issue_date is required (YYYY-MM-DD).");

    public static DateOnly DueDate(JsonBody body) =>
        body.Date("due_date") ?? throw body.Required("due_date", "due_date is required (YYYY-MM-DD).");

    public static void CheckDueDate(JsonBody body, DateOnly issueDate, DateOnly dueDate)
    {
        if (dueDate < issueDate)
        {
            throw body.Invalid("due_date", "invalid", "due_date cannot be before issue_date.");
        }
    }

    /// <summary>EUR, the default when absent: the organization's accounts are in euros.</summary>
    public static string Currency(JsonBody body)
    {
        var currency = body.String("currency", 3) ?? "EUR";
        return currency == "EUR" ? currency : throw body.Invalid("currency", "not_in_list", "currency must be EUR.");
    }

    /// <summary>Largest exchange rate accepted (EUR per unit of the invoice currency).</summary>
    public const decimal MaxEuroExchangeRate = 100_000m;

    /// <summary>
    /// The currency of an invoice read by <c>comptoir facturx generate</c>, which unlike the API may be foreign: any
    /// ISO 4217 code, EUR by default. A foreign currency needs <c>euro_exchange_rate</c> (EUR per one unit of it) so
    /// the VAT total can also be stated in EUR (BR-FR-CO-12).
    /// </summary>
    public static (string Currency, decimal? EuroExchangeRate) DocumentCurrency(JsonBody body)
    {
        var currency = body.String("currency", 3) ?? "EUR";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw body.Invalid("currency", "invalid", "currency is an ISO 4217 code in capitals, such as EUR or USD.");
        }

        var rate = body.Decimal("euro_exchange_rate");
        if (currency == "EUR")
        {
            return (currency, null);
        }

        // Without a rate, the API's answer (currency must be EUR), with how to invoice in another currency.
        if (rate is null)
        {
            throw body.Invalid("currency", "not_in_list", $"currency must be EUR, or {currency} with euro_exchange_rate, the EUR value of one {currency}: BR-FR-CO-12 wants the VAT total in EUR too.");
        }

        if (rate <= 0m || rate > MaxEuroExchangeRate || DecimalText.Scale(rate.Value) > 10)
        {
            throw body.Invalid("euro_exchange_rate", "invalid", $"euro_exchange_rate is above 0, at most {MaxEuroExchangeRate:0}, with at most 10 decimals.");
        }

        return (currency, rate);
    }

    public static string? Number(JsonBody body, bool frenchSeller)
    {
        var number = body.String("number", MaxNumberLength);
        // BR-FR-01 (at most 35 characters) and BR-FR-02 (letters, digits and + - _ / only).
        if (number is not null && frenchSeller && (number.Length > MaxFrenchNumberLength || !number.All(IsFrenchNumberCharacter)))
        {
            throw body.Invalid("number", "invalid", $"BR-FR-01, BR-FR-02: a French invoice number has at most {MaxFrenchNumberLength} characters: letters, digits and + - _ / only, no spaces.");
        }

        return number;
    }

    public static string? PurchaseOrder(JsonBody body) => body.String("purchase_order", MaxPurchaseOrderLength);

    public static string? TermsAndConditions(JsonBody body) => Printable(body, "terms_and_conditions", body.String("terms_and_conditions", MaxTermsLength));

    public static string? Header(JsonBody body) => Printable(body, "header", body.String("header", MaxHeaderLength));

    public static string? Footer(JsonBody body) => Printable(body, "footer", body.String("footer", MaxFooterLength));

    /// <summary>A text printed on the PDF must be in a script its font prints (no right-to-left, no CJK): see <see cref="PrintableScripts"/>.</summary>
    public static string? Printable(JsonBody body, string name, string? value)
    {
        return PrintableScripts.Problem(value) is { } problem ? throw body.Invalid(name, "unsupported_script", $"{name}: {problem}") : value;
    }

    public static string? ContactEmail(JsonBody body) => body.String("contact_email", MaxContactEmailLength);

    /// <summary>
    /// The performance period: an end needs a start (the API's rule), and it cannot end before it starts (BR-29).
    /// </summary>
    public static void CheckPerformancePeriod(JsonBody body, DateOnly? start, DateOnly? end)
    {
        if (end is not null && start is null)
        {
            throw body.Required("performance_start_date", "performance_start_date is required when performance_end_date is given.");
        }

        if (start > end)
        {
            throw body.Invalid("performance_end_date", "invalid", "performance_end_date must not be before performance_start_date.");
        }
    }

    /// <summary>Applies the fields present in an invoice's <c>settings</c> onto <paramref name="target"/>; absent ones stay as they are.</summary>
    public static void ApplySettings(JsonBody settings, ClientInvoiceSettings target)
    {
        ArgumentNullException.ThrowIfNull(target);
        SetText(settings, "vat_number", MaxVatNumberLength, v => target.VatNumber = v);
        SetText(settings, "company_leadership", MaxRegistrationTextLength, v => target.CompanyLeadership = v);
        SetText(settings, "district_court", MaxRegistrationTextLength, v => target.DistrictCourt = v);
        SetText(settings, "commercial_register_number", MaxRegistrationTextLength, v => target.CommercialRegisterNumber = v);
        SetText(settings, "tax_number", MaxTaxNumberLength, v => target.TaxNumber = v);
        SetText(settings, "discount_conditions", MaxMentionLength, v => target.DiscountConditions = v);
        SetText(settings, "late_payment_penalties", MaxMentionLength, v => target.LatePaymentPenalties = v);
        SetText(settings, "legal_fixed_compensation", MaxMentionLength, v => target.LegalFixedCompensation = v);
        if (settings.Present("transaction_type"))
        {
            target.TransactionType = settings.Enum("transaction_type", [.. TransactionTypes]);
        }

        if (settings.Present("vat_payment_condition"))
        {
            target.VatPaymentCondition = settings.Enum("vat_payment_condition", [.. VatPaymentConditions]);
        }

        if (settings.Present("legal_capital_share"))
        {
            var capital = settings.Money("legal_capital_share");
            if (capital is < 0m)
            {
                throw settings.Invalid("legal_capital_share", "invalid", "legal_capital_share cannot be negative.");
            }

            target.LegalCapitalShare = capital is { } c ? DecimalText.Amount(Rounding.ToCents(c)) : null;
        }
    }

    /// <summary>The items: at least one (BR-16), at most <see cref="MaxItems"/>, each read by <see cref="Item"/>.</summary>
    public static IReadOnlyList<ClientInvoiceItemInput> Items(JsonBody body, bool frenchSeller)
    {
        if (!body.Has("items"))
        {
            throw body.Required("items", "items is required: at least one item.");
        }

        var items = body.Objects("items", MaxItems).Select(item => Item(item, frenchSeller)).ToList();
        if (items.Count == 0)
        {
            throw body.Required("items", "items needs at least one item.");
        }

        CheckTotal(body, items);
        return items;
    }

    /// <summary>
    /// The invoice total (BT-112, as <see cref="InvoiceCalculator"/> computes it) is at most <see cref="MaxTotal"/>.
    /// The error names the item whose amount takes the running total over the limit.
    /// </summary>
    private static void CheckTotal(JsonBody body, List<ClientInvoiceItemInput> items)
    {
        var totals = InvoiceCalculator.Compute([.. items.Select(i => i.ToLine())]);
        if (totals.GrandTotal <= MaxTotal)
        {
            return;
        }

        // Lines are never negative here; VAT rounded per rate rather than per line can still differ by a few cents,
        // so when no single line crosses, the last one is named.
        var culprit = items.Count - 1;
        var running = 0m;
        for (var i = 0; i < items.Count; i++)
        {
            running += totals.Lines[i].Total;
            if (running > MaxTotal)
            {
                culprit = i;
                break;
            }
        }

        throw JsonBodyException.Invalid($"{body.PointerOf("items")}/{culprit}/unit_price", "invalid",
            $"with this item the invoice total would be {DecimalText.Amount(totals.GrandTotal)} EUR, over the largest of {DecimalText.Amount(MaxTotal)} EUR VAT included; split the invoice.");
    }

    public static ClientInvoiceItemInput Item(JsonBody item, bool frenchSeller)
    {
        // BR-22: a line has a quantity.
        var quantity = item.Decimal("quantity") ?? throw item.Required("quantity", "quantity is required.");
        if (quantity <= 0m || quantity > MaxQuantity || DecimalText.Scale(quantity) > MaxQuantityDecimals)
        {
            throw item.Invalid("quantity", "invalid", $"quantity must be above 0, at most {MaxQuantity:0}, with at most {MaxQuantityDecimals} decimals.");
        }

        // BR-26: a line has a net price; BR-27: it is not negative.
        var price = item.Money("unit_price") ?? throw item.Required("unit_price", "unit_price is required.");
        if (price < 0m || price > MaxUnitPrice || DecimalText.Scale(price) > MaxUnitPriceDecimals)
        {
            throw item.Invalid("unit_price", "invalid", $"unit_price must be from 0 to {MaxUnitPrice:0}, with at most {MaxUnitPriceDecimals} decimals.");
        }

        var rate = VatRate(item, frenchSeller);
        var exemption = Exemption(item, rate);
        // BR-25: a line has an item name.
        var title = Printable(item, "title", item.RequiredString("title", MaxTitleLength))!;
        var description = Printable(item, "description", item.String("description", MaxDescriptionLength));
        var unit = item.String("unit", MaxUnitLength);
        var result = new ClientInvoiceItemInput(title, description, quantity, unit, price, rate, exemption, Discount(item));
        if (result.Discount is not null && InvoiceCalculator.Validate(result.ToLine()) is { } problem)
        {
            throw JsonBodyException.Invalid($"{item.PointerOf("discount")}/value", "invalid", problem);
        }

        return result;
    }

    private static decimal VatRate(JsonBody item, bool frenchSeller)
    {
        var rate = item.Decimal("vat_rate") ?? throw item.Required("vat_rate", "vat_rate is required (a fraction: \"0.20\" for 20 %).");
        if (rate < 0m || rate >= 1m || DecimalText.Scale(rate) > MaxVatRateDecimals)
        {
            throw item.Invalid("vat_rate", "invalid", $"vat_rate is a fraction from 0 to 1 with at most {MaxVatRateDecimals} decimals (\"0.20\" for 20 %).");
        }

        // BR-FR-16: a French invoice carries only the French rates.
        if (frenchSeller && !FrenchVatRates.IsAllowed(rate))
        {
            throw item.Invalid("vat_rate", "not_in_list", $"French VAT rates are {string.Join(", ", FrenchVatRates.Allowed.Select(DecimalText.Plain))}.");
        }

        return rate;
    }

    /// <summary>The exemption reason, which picks the category of a zero-rated line (BR-E-10: an exempt line says why).</summary>
    private static VatExemption? Exemption(JsonBody item, decimal rate)
    {
        var reason = item.String("vat_exemption_reason", MaxExemptionReasonLength);
        if (reason is null)
        {
            return null;
        }

        if (rate != 0m)
        {
            throw item.Invalid("vat_exemption_reason", "invalid", "vat_exemption_reason only applies to a zero vat_rate.");
        }

        return VatExemptions.TryGet(reason, out var exemption)
            ? exemption
            : throw item.Invalid("vat_exemption_reason", "not_in_list", $"vat_exemption_reason must be one of: {string.Join(", ", VatExemptions.Supported.Select(e => e.Code))}.");
    }

    private static LineDiscount? Discount(JsonBody item)
    {
        if (item.Object("discount") is not { } discount)
        {
            return null;
        }

        var type = discount.Enum("type", [.. DiscountTypes]) ?? throw discount.Required("type", "discount.type is required: percentage or absolute.");
        var value = discount.Decimal("value") ?? throw discount.Required("value", "discount.value is required.");
        return new LineDiscount(type == "absolute" ? DiscountKind.Absolute : DiscountKind.Percentage, value);
    }

    private static bool IsFrenchNumberCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '+';

    private static void SetText(JsonBody body, string name, int maxLength, Action<string?> assign)
    {
        if (body.Present(name))
        {
            assign(body.String(name, maxLength));
        }
    }
}

/// <summary>An invoice item as <see cref="ClientInvoiceRules.Item"/> read it, before each reader shapes it.</summary>
public sealed record ClientInvoiceItemInput(
    string Title, string? Description, decimal Quantity, string? Unit, decimal UnitPrice, decimal VatRate, VatExemption? Exemption, LineDiscount? Discount)
{
    public VatCategory Category => VatExemptions.CategoryOf(VatRate, Exemption?.Code);

    public InvoiceLine ToLine() => new(Quantity, UnitPrice, VatRate, Category, Discount);
}
