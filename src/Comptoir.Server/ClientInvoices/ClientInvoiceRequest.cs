using Comptoir.Core.Banking;
using Comptoir.Core.Invoicing;
using Comptoir.Core.Money;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Organizations;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Applies a create or update body (seed 002) onto an invoice: every field's rule, with a 422 naming the field.
/// On update only the fields present change; items, when given, replace the list.
/// </summary>
public static class ClientInvoiceRequest
{
    public const int MaxItems = 1000;
    public const decimal MaxUnitPrice = 100_000_000m;
    public const decimal MaxQuantity = 1_000_000m;

    private static readonly string[] ItalianOnly = ["report_einvoicing", "payment_reporting", "welfare_fund", "stamp_duty_amount"];

    /// <summary>Reads the body into <paramref name="row"/> and <paramref name="content"/>; returns the requested status on create.</summary>
    public static string? Apply(JsonBody body, ClientInvoiceRow row, ClientInvoiceContent content, OrganizationRow organization, IReadOnlyList<BankAccountRow> accounts, bool creating)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(accounts);
        RefuseForeignFields(body, organization);

        string? status = null;
        if (creating)
        {
            status = body.Enum("status", ClientInvoiceStatus.Draft, ClientInvoiceStatus.Unpaid) ?? ClientInvoiceStatus.Unpaid;
            row.ClientId = body.RequiredString("client_id", 36);
        }
        else if (body.Has("client_id"))
        {
            row.ClientId = body.RequiredString("client_id", 36);
        }

        if (creating || body.Present("issue_date"))
        {
            row.IssueDate = Timestamp(body.Date("issue_date") ?? throw ApiException.Invalid(body.PointerOf("issue_date"), "required", "issue_date is required (YYYY-MM-DD)."));
        }

        if (creating || body.Present("due_date"))
        {
            row.DueDate = Timestamp(body.Date("due_date") ?? throw ApiException.Invalid(body.PointerOf("due_date"), "required", "due_date is required (YYYY-MM-DD)."));
        }

        if (string.CompareOrdinal(row.DueDate, row.IssueDate) < 0)
        {
            throw ApiException.Invalid(body.PointerOf("due_date"), "invalid", "due_date cannot be before issue_date.");
        }

        // The reference lists currency as required, but the seed's own draft request omits it: EUR is the default.
        if (body.Present("currency"))
        {
            var currency = body.String("currency", 3) ?? "EUR";
            content.Currency = currency == "EUR" ? currency : throw ApiException.Invalid(body.PointerOf("currency"), "not_in_list", "currency must be EUR.");
        }

        if (body.Present("number"))
        {
            row.Number = Number(body, organization);
        }

        Text(body, "purchase_order", 40, v => content.PurchaseOrder = v);
        Text(body, "terms_and_conditions", 525, v => content.TermsAndConditions = v);
        Text(body, "header", 1000, v => content.Header = v);
        Text(body, "footer", 1000, v => content.Footer = v);
        Text(body, "contact_email", 250, v => content.ContactEmail = v);
        ApplyPerformance(body, content);
        if (body.Object("settings") is { } settings)
        {
            ApplySettings(settings, content.Settings);
        }

        if (creating || body.Present("payment_methods"))
        {
            content.Payment = Payment(body, organization, accounts);
        }

        if (creating || body.Present("items"))
        {
            content.Items = Items(body, organization);
        }

        return status;
    }

    private static void RefuseForeignFields(JsonBody body, OrganizationRow organization)
    {
        var italian = organization.LegalCountry.Equals("IT", StringComparison.OrdinalIgnoreCase);
        foreach (var field in ItalianOnly)
        {
            if (!italian && body.Present(field))
            {
                throw ApiException.Invalid(body.PointerOf(field), "not_allowed", $"{field} is only for Italian organizations.");
            }
        }

        var spanish = organization.LegalCountry.Equals("ES", StringComparison.OrdinalIgnoreCase);
        if (!italian && !spanish && body.Present("withholding_tax"))
        {
            throw ApiException.Invalid(body.PointerOf("withholding_tax"), "not_allowed", "withholding_tax is only for Italian organizations and Spanish freelancers.");
        }
    }

    private static string? Number(JsonBody body, OrganizationRow organization)
    {
        var number = body.String("number", 40);
        if (number is null)
        {
            return null;
        }

        // The French reform's rules on invoice identifiers (BR-FR-01, BR-FR-02).
        if (organization.IsFrench && (number.Length > 35 || !number.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '+')))
        {
            throw ApiException.Invalid(body.PointerOf("number"), "invalid", "a French invoice number has at most 35 characters: letters, digits and + - _ / only, no spaces.");
        }

        return number;
    }

    private static void ApplyPerformance(JsonBody body, ClientInvoiceContent content)
    {
        if (body.Present("performance_date"))
        {
            content.PerformanceDate = body.Date("performance_date") is { } d ? Timestamp(d) : null;
        }

        if (body.Present("performance_start_date"))
        {
            content.PerformanceStartDate = body.Date("performance_start_date") is { } s ? Timestamp(s) : null;
        }

        if (body.Present("performance_end_date"))
        {
            content.PerformanceEndDate = body.Date("performance_end_date") is { } e ? Timestamp(e) : null;
        }

        if (content.PerformanceEndDate is not null && content.PerformanceStartDate is null)
        {
            throw ApiException.Invalid(body.PointerOf("performance_start_date"), "required", "performance_start_date is required when performance_end_date is given.");
        }

        if (content.PerformanceEndDate is not null && string.CompareOrdinal(content.PerformanceStartDate, content.PerformanceEndDate) > 0)
        {
            throw ApiException.Invalid(body.PointerOf("performance_end_date"), "invalid", "performance_end_date must not be before performance_start_date.");
        }
    }

    private static void ApplySettings(JsonBody settings, ClientInvoiceSettings target)
    {
        Text(settings, "vat_number", 20, v => target.VatNumber = v);
        Text(settings, "company_leadership", 250, v => target.CompanyLeadership = v);
        Text(settings, "district_court", 250, v => target.DistrictCourt = v);
        Text(settings, "commercial_register_number", 250, v => target.CommercialRegisterNumber = v);
        Text(settings, "tax_number", 50, v => target.TaxNumber = v);
        Text(settings, "discount_conditions", 1000, v => target.DiscountConditions = v);
        Text(settings, "late_payment_penalties", 1000, v => target.LatePaymentPenalties = v);
        Text(settings, "legal_fixed_compensation", 1000, v => target.LegalFixedCompensation = v);
        if (settings.Present("transaction_type"))
        {
            target.TransactionType = settings.Enum("transaction_type", "goods", "services", "both");
        }

        if (settings.Present("vat_payment_condition"))
        {
            target.VatPaymentCondition = settings.Enum("vat_payment_condition", "on_receipts", "on_debits", "compensated_for_sales", "exempt");
        }

        if (settings.Present("legal_capital_share"))
        {
            var capital = settings.Money("legal_capital_share");
            if (capital is < 0m)
            {
                throw ApiException.Invalid(settings.PointerOf("legal_capital_share"), "invalid", "legal_capital_share cannot be negative.");
            }

            target.LegalCapitalShare = capital is { } c ? DecimalText.Amount(Rounding.ToCents(c)) : null;
        }
    }

    private static PaymentMethod Payment(JsonBody body, OrganizationRow organization, IReadOnlyList<BankAccountRow> accounts)
    {
        var methods = body.Object("payment_methods") ?? throw ApiException.Invalid(body.PointerOf("payment_methods"), "required", "payment_methods.iban is required.");
        var iban = methods.RequiredString("iban", 42);
        if (Iban.Validate(iban) is { } problem)
        {
            throw ApiException.Invalid(methods.PointerOf("iban"), "invalid", "iban " + problem);
        }

        var normalized = Iban.Normalize(iban);
        var account = accounts.FirstOrDefault(a => a.Iban == normalized && a.Status == "active")
            ?? throw ApiException.Invalid(methods.PointerOf("iban"), "invalid", "iban must be one of the organization's active accounts (see GET /v2/organization).");
        return new PaymentMethod { Iban = account.Iban, Bic = account.Bic, BeneficiaryName = organization.LegalName };
    }

    private static List<ClientInvoiceItemContent> Items(JsonBody body, OrganizationRow organization)
    {
        if (!body.Has("items"))
        {
            throw ApiException.Invalid(body.PointerOf("items"), "required", "items is required: at least one item.");
        }

        var items = body.Objects("items", MaxItems).Select(item => Item(item, organization)).ToList();
        return items.Count > 0 ? items : throw ApiException.Invalid(body.PointerOf("items"), "required", "items needs at least one item.");
    }

    private static ClientInvoiceItemContent Item(JsonBody item, OrganizationRow organization)
    {
        var quantity = item.Decimal("quantity") ?? throw ApiException.Invalid(item.PointerOf("quantity"), "required", "quantity is required.");
        if (quantity <= 0m || quantity > MaxQuantity || DecimalText.Scale(quantity) > 4)
        {
            throw ApiException.Invalid(item.PointerOf("quantity"), "invalid", $"quantity must be above 0, at most {MaxQuantity:0}, with at most 4 decimals.");
        }

        var price = item.Money("unit_price") ?? throw ApiException.Invalid(item.PointerOf("unit_price"), "required", "unit_price is required.");
        if (price < 0m || price > MaxUnitPrice || DecimalText.Scale(price) > 6)
        {
            throw ApiException.Invalid(item.PointerOf("unit_price"), "invalid", $"unit_price must be from 0 to {MaxUnitPrice:0}, with at most 6 decimals.");
        }

        var rate = item.Decimal("vat_rate") ?? throw ApiException.Invalid(item.PointerOf("vat_rate"), "required", "vat_rate is required (a fraction: \"0.20\" for 20 %).");
        if (rate < 0m || rate >= 1m || DecimalText.Scale(rate) > 4)
        {
            throw ApiException.Invalid(item.PointerOf("vat_rate"), "invalid", "vat_rate is a fraction from 0 to 1 with at most 4 decimals (\"0.20\" for 20 %).");
        }

        if (organization.IsFrench && !FrenchVatRates.IsAllowed(rate))
        {
            throw ApiException.Invalid(item.PointerOf("vat_rate"), "not_in_list", $"French VAT rates are {string.Join(", ", FrenchVatRates.Allowed.Select(DecimalText.Plain))}.");
        }

        var reason = item.String("vat_exemption_reason", 20);
        if (reason is not null)
        {
            if (rate != 0m)
            {
                throw ApiException.Invalid(item.PointerOf("vat_exemption_reason"), "invalid", "vat_exemption_reason only applies to a zero vat_rate.");
            }

            if (!VatExemptions.TryGet(reason, out var exemption))
            {
                throw ApiException.Invalid(item.PointerOf("vat_exemption_reason"), "not_in_list", $"vat_exemption_reason must be one of: {string.Join(", ", VatExemptions.Supported.Select(e => e.Code))}.");
            }

            reason = exemption.Code;
        }

        var result = new ClientInvoiceItemContent
        {
            Title = item.RequiredString("title", 250),
            Description = item.String("description", 4000),
            Quantity = DecimalText.Plain(quantity),
            Unit = item.String("unit", 40),
            UnitPrice = DecimalText.AtLeast(price, 2),
            VatRate = DecimalText.Plain(rate),
            VatExemptionReason = reason,
        };
        if (item.Object("discount") is { } discount)
        {
            result.DiscountType = discount.Enum("type", "percentage", "absolute") ?? throw ApiException.Invalid(discount.PointerOf("type"), "required", "discount.type is required: percentage or absolute.");
            var value = discount.Decimal("value") ?? throw ApiException.Invalid(discount.PointerOf("value"), "required", "discount.value is required.");
            result.DiscountValue = DecimalText.Plain(value);
            if (InvoiceCalculator.Validate(ClientInvoiceMath.ToLine(result)) is { } problem)
            {
                throw ApiException.Invalid(discount.PointerOf("value"), "invalid", problem);
            }
        }

        return result;
    }

    private static void Text(JsonBody body, string name, int maxLength, Action<string?> assign)
    {
        if (body.Present(name))
        {
            assign(body.String(name, maxLength));
        }
    }

    private static string Timestamp(DateOnly date) => Storage.Timestamps.Date(date);
}
