using System.Text.Json;
using Comptoir.Core.Money;
using Comptoir.Server.Clients;
using Comptoir.Server.Http.Json;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Organizations;

namespace Comptoir.Server.ClientInvoices;

/// <summary>Writes the client_invoice object (the response of the public API's "Create a client invoice"), from the stored row and its snapshots.</summary>
[PublicSurface]
public static class ClientInvoiceJsonWriter
{
    public static void WriteFields(Utf8JsonWriter json, ClientInvoiceRow invoice, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var content = invoice.ReadContent();
        WriteFields(json, invoice, content, Snapshots.Organization(content.OrganizationSnapshot), Snapshots.Client(content.ClientSnapshot), baseUrl);
    }

    /// <summary>The same, from the content and snapshots already in memory (a write that has just built them).</summary>
    public static void WriteFields(Utf8JsonWriter json, ClientInvoiceRow invoice, ClientInvoiceContent content, OrganizationRow organization, Clients.ClientRow client, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(organization);
        var settings = content.Settings;
        json.WriteString("id", invoice.Id);
        json.WriteString("organization_id", invoice.OrganizationId);
        json.WriteNullableString("attachment_id", invoice.AttachmentId);
        json.WriteNullableString("number", invoice.Number);
        json.WriteNullableString("purchase_order", content.PurchaseOrder);
        json.WriteString("status", invoice.Status);
        json.WriteString("invoice_url", $"{baseUrl}/invoices/{invoice.Id}");
        json.WriteNullableString("contact_email", content.ContactEmail ?? organization.ContactEmail);
        json.WriteNullableString("terms_and_conditions", content.TermsAndConditions);
        json.WriteNullableString("discount_conditions", settings.DiscountConditions ?? organization.DiscountConditions);
        json.WriteNullableString("late_payment_penalties", settings.LatePaymentPenalties ?? organization.LatePaymentPenalties);
        json.WriteNullableString("legal_fixed_compensation", settings.LegalFixedCompensation ?? organization.LegalFixedCompensation);
        json.WriteNullableString("header", content.Header);
        json.WriteNullableString("footer", content.Footer);
        json.WriteString("currency", content.Currency);
        json.WriteMoneyWithCents("total_amount", invoice.TotalAmountCents, content.Currency);
        json.WriteMoneyWithCents("vat_amount", invoice.VatAmountCents, content.Currency);
        json.WriteString("issue_date", invoice.IssueDate);
        json.WriteString("due_date", invoice.DueDate);
        json.WriteNullableString("performance_date", content.PerformanceDate);
        json.WriteNullableString("performance_start_date", content.PerformanceStartDate);
        json.WriteNullableString("performance_end_date", content.PerformanceEndDate);
        json.WriteString("created_at", invoice.CreatedAt);
        json.WriteString("updated_at", invoice.UpdatedAt);
        json.WriteNullableString("finalized_at", invoice.FinalizedAt);
        json.WriteNullableString("paid_at", invoice.PaidAt);
        json.WriteNullableString("canceled_at", invoice.CanceledAt);
        json.WriteNull("stamp_duty_amount");
        WriteItems(json, content);
        json.WritePropertyName("client");
        ClientResponse.Write(json, client);
        json.WriteStartArray("payment_methods");
        json.WriteStartObject();
        json.WriteNullableString("beneficiary_name", content.Payment.BeneficiaryName);
        json.WriteNullableString("bic", content.Payment.Bic);
        json.WriteString("iban", content.Payment.Iban);
        json.WriteString("type", "transfer");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("credit_notes_ids");
        foreach (var creditNoteId in content.CreditNoteIds ?? [])
        {
            json.WriteStringValue(creditNoteId);
        }

        json.WriteEndArray();
        WriteOrganization(json, organization, settings);
        json.WriteString("einvoicing_status", invoice.Status == ClientInvoiceStatus.Draft ? "not_applicable" : "pending");
        json.WriteNull("welfare_fund");
        json.WriteNull("withholding_tax");
        json.WriteNull("payment_reporting");
        json.WriteString("invoice_type", "standard");
        json.WriteStartArray("einvoicing_lifecycle_events");
        json.WriteEndArray();
    }

    private static void WriteItems(Utf8JsonWriter json, ClientInvoiceContent content)
    {
        json.WriteStartArray("items");
        foreach (var item in content.Items)
        {
            json.WriteStartObject();
            json.WriteString("title", item.Title);
            json.WriteNullableString("description", item.Description);
            json.WriteString("quantity", item.Quantity);
            json.WriteNullableString("unit", item.Unit);
            json.WriteStartObject("unit_price");
            json.WriteString("value", item.UnitPrice);
            json.WriteString("currency", content.Currency);
            json.WriteEndObject();
            json.WriteNumber("unit_price_cents", Rounding.ToCentsInteger(Rounding.ToCents(decimal.Parse(item.UnitPrice, System.Globalization.CultureInfo.InvariantCulture))));
            json.WriteString("vat_rate", item.VatRate);
            json.WriteNullableString("vat_exemption_reason", item.VatExemptionReason);
            if (item.DiscountType is null)
            {
                json.WriteNull("discount");
            }
            else
            {
                json.WriteStartObject("discount");
                json.WriteString("type", item.DiscountType);
                json.WriteString("value", item.DiscountValue);
                json.WriteMoney("amount", item.DiscountCents, content.Currency);
                json.WriteEndObject();
            }

            json.WriteMoneyWithCents("total_vat", item.VatCents, content.Currency);
            json.WriteMoneyWithCents("total_amount", item.TotalCents, content.Currency);
            json.WriteMoneyWithCents("subtotal", item.SubtotalCents, content.Currency);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteOrganization(Utf8JsonWriter json, OrganizationRow organization, ClientInvoiceSettings settings)
    {
        json.WriteStartObject("organization");
        json.WriteString("id", organization.Id);
        json.WriteString("legal_name", organization.LegalName);
        json.WriteNullableString("legal_number", organization.LegalNumber);
        json.WriteString("legal_country", organization.LegalCountry);
        json.WriteNullableString("address_line_1", organization.AddressLine1);
        json.WriteNullableString("address_line_2", organization.AddressLine2);
        json.WriteNullableString("address_zipcode", organization.AddressZipcode);
        json.WriteNullableString("address_city", organization.AddressCity);
        json.WriteNullableString("address_country", organization.AddressCountry);
        json.WriteNullableString("company_leadership", settings.CompanyLeadership ?? organization.CompanyLeadership);
        json.WriteNullableString("district_court", settings.DistrictCourt);
        json.WriteNullableString("commercial_register_number", settings.CommercialRegisterNumber ?? organization.CommercialRegisterNumber);
        json.WriteNullableString("vat_number", settings.VatNumber ?? organization.VatNumber);
        json.WriteNullableString("tax_number", settings.TaxNumber);
        var capital = settings.LegalCapitalShare ?? (organization.LegalShareCapitalCents is { } cents ? DecimalText.Amount(Rounding.FromCents(cents)) : null);
        if (capital is null)
        {
            json.WriteNull("legal_capital_share");
        }
        else
        {
            json.WriteStartObject("legal_capital_share");
            json.WriteString("value", capital);
            json.WriteString("currency", "EUR");
            json.WriteEndObject();
        }

        json.WriteNullableString("transaction_type", settings.TransactionType ?? organization.TransactionType);
        json.WriteNullableString("vat_payment_condition", settings.VatPaymentCondition ?? organization.VatPaymentCondition);
        json.WriteNullableString("contact_email", organization.ContactEmail);
        json.WriteEndObject();
    }
}
