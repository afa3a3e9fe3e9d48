using System.Globalization;
using Comptoir.Core.Banking;
using Comptoir.Core.Invoicing;
using Comptoir.Core.Money;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Organizations;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Applies a create or update body (the public API's "Create a client invoice") onto an invoice: every field's rule (from <see cref="ClientInvoiceRules"/>,
/// shared with the Factur-X mapping), with a 422 naming the field. On update only the fields present change; items,
/// when given, replace the list. What only the API knows is checked here: the client, the organization's accounts,
/// and the fields reserved to Italian and Spanish organizations. A 422 names every invalid field (the first problem of
/// the items list).
/// </summary>
public static class ClientInvoiceRequest
{
    private static readonly string[] ItalianOnly = ["report_einvoicing", "payment_reporting", "welfare_fund", "stamp_duty_amount"];

    /// <summary>Reads the body into <paramref name="row"/> and <paramref name="content"/>; returns the requested status on create.</summary>
    public static string? Apply(JsonBody body, ClientInvoiceRow row, ClientInvoiceContent content, OrganizationRow organization, IReadOnlyList<BankAccountRow> accounts, bool creating)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(accounts);
        var errors = new FieldErrors();
        errors.Check(() => RefuseForeignFields(body, organization));
        string? status = null;
        errors.Check(() =>
        {
            if (creating)
            {
                status = body.Enum("status", ClientInvoiceStatus.Draft, ClientInvoiceStatus.Unpaid) ?? ClientInvoiceStatus.Unpaid;
            }
        });
        errors.Check(() =>
        {
            if (creating || body.Has("client_id"))
            {
                row.ClientId = body.RequiredString("client_id", 36);
            }
        });
        var issueRead = errors.Check(() =>
        {
            if (creating || body.Present("issue_date"))
            {
                row.IssueDate = Stored(ClientInvoiceRules.IssueDate(body));
            }
        });
        var dueRead = errors.Check(() =>
        {
            if (creating || body.Present("due_date"))
            {
                row.DueDate = Stored(ClientInvoiceRules.DueDate(body));
            }
        });
        if (issueRead && dueRead)
        {
            errors.Check(() => ClientInvoiceRules.CheckDueDate(body, Day(row.IssueDate), Day(row.DueDate)));
        }

        // The public API documents currency as required, but its own Factur-X guide's draft request omits it: EUR is the default.
        errors.Check(() =>
        {
            if (body.Present("currency"))
            {
                content.Currency = ClientInvoiceRules.Currency(body);
            }
        });
        errors.Check(() =>
        {
            if (body.Present("number"))
            {
                row.Number = ClientInvoiceRules.Number(body, organization.IsFrench);
            }
        });
        errors.Check(() => Set(body, "purchase_order", ClientInvoiceRules.PurchaseOrder, v => content.PurchaseOrder = v));
        errors.Check(() => Set(body, "terms_and_conditions", ClientInvoiceRules.TermsAndConditions, v => content.TermsAndConditions = v));
        errors.Check(() => Set(body, "header", ClientInvoiceRules.Header, v => content.Header = v));
        errors.Check(() => Set(body, "footer", ClientInvoiceRules.Footer, v => content.Footer = v));
        errors.Check(() => Set(body, "contact_email", ClientInvoiceRules.ContactEmail, v => content.ContactEmail = v));
        errors.Check(() => ApplyPerformance(body, content));
        errors.Check(() =>
        {
            if (body.Object("settings") is { } settings)
            {
                ClientInvoiceRules.ApplySettings(settings, content.Settings);
            }
        });
        errors.Check(() =>
        {
            if (creating || body.Present("payment_methods"))
            {
                content.Payment = Payment(body, organization, accounts);
            }
        });
        errors.Check(() =>
        {
            if (creating || body.Present("items"))
            {
                content.Items = [.. ClientInvoiceRules.Items(body, organization.IsFrench).Select(ToContent)];
            }
        });
        errors.ThrowIfAny();
        return status;
    }

    private static void RefuseForeignFields(JsonBody body, OrganizationRow organization)
    {
        var italian = organization.LegalCountry.Equals("IT", StringComparison.OrdinalIgnoreCase);
        foreach (var field in ItalianOnly)
        {
            if (!italian && body.Present(field))
            {
                throw body.Invalid(field, "not_allowed", $"{field} is only for Italian organizations.");
            }
        }

        var spanish = organization.LegalCountry.Equals("ES", StringComparison.OrdinalIgnoreCase);
        if (!italian && !spanish && body.Present("withholding_tax"))
        {
            throw body.Invalid("withholding_tax", "not_allowed", "withholding_tax is only for Italian organizations and Spanish freelancers.");
        }
    }

    private static void ApplyPerformance(JsonBody body, ClientInvoiceContent content)
    {
        if (body.Present("performance_date"))
        {
            content.PerformanceDate = Stored(body.Date("performance_date"));
        }

        if (body.Present("performance_start_date"))
        {
            content.PerformanceStartDate = Stored(body.Date("performance_start_date"));
        }

        if (body.Present("performance_end_date"))
        {
            content.PerformanceEndDate = Stored(body.Date("performance_end_date"));
        }

        ClientInvoiceRules.CheckPerformancePeriod(body, DayOrNull(content.PerformanceStartDate), DayOrNull(content.PerformanceEndDate));
    }

    private static PaymentMethod Payment(JsonBody body, OrganizationRow organization, IReadOnlyList<BankAccountRow> accounts)
    {
        var methods = body.Object("payment_methods") ?? throw body.Required("payment_methods", "payment_methods.iban is required.");
        var iban = methods.RequiredString("iban", ClientInvoiceRules.MaxIbanLength);
        if (Iban.Validate(iban) is { } problem)
        {
            throw methods.Invalid("iban", "invalid", "iban " + problem);
        }

        iban = Iban.Normalize(iban);
        var account = accounts.FirstOrDefault(a => a.Iban == iban && a.Status == BankAccountStatus.Active)
            ?? throw methods.Invalid("iban", "invalid", "iban must be one of the organization's active accounts (see GET /v2/organization).");
        return new PaymentMethod { Iban = account.Iban, Bic = account.Bic, BeneficiaryName = organization.LegalName };
    }

    private static ClientInvoiceItemContent ToContent(ClientInvoiceItemInput item) => new()
    {
        Title = item.Title,
        Description = item.Description,
        Quantity = DecimalText.Plain(item.Quantity),
        Unit = item.Unit,
        UnitPrice = DecimalText.AtLeast(item.UnitPrice, 2),
        VatRate = DecimalText.Plain(item.VatRate),
        VatExemptionReason = item.Exemption?.Code,
        DiscountType = item.Discount is null ? null : item.Discount.Kind == DiscountKind.Absolute ? "absolute" : "percentage",
        DiscountValue = item.Discount is { } discount ? DecimalText.Plain(discount.Value) : null,
    };

    private static void Set(JsonBody body, string name, Func<JsonBody, string?> read, Action<string?> assign)
    {
        if (body.Present(name))
        {
            assign(read(body));
        }
    }

    private static string Stored(DateOnly date) => Storage.Timestamps.Date(date);

    private static string? Stored(DateOnly? date) => date is { } d ? Stored(d) : null;

    private static DateOnly Day(string stored) => DateOnly.ParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? DayOrNull(string? stored) => stored is null ? null : Day(stored);
}
