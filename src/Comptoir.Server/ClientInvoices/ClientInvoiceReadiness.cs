using System.Globalization;
using Comptoir.Core.Invoicing;
using Comptoir.FacturX.Model;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Clients;
using Comptoir.Server.Organizations;

namespace Comptoir.Server.ClientInvoices;

/// <summary>What an invoice needs before it can be finalized (and become a valid Factur-X file).</summary>
public static class ClientInvoiceReadiness
{
    public static void Check(ClientInvoiceRow invoice, OrganizationRow organization, ClientRow client)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrEmpty(client.BillingCountryCode))
        {
            throw ApiException.Invalid("/client_id", "client_incomplete", "The client has no billing address (country_code at least); complete it before finalizing.");
        }

        if (client.Currency is null || client.Locale is null)
        {
            throw ApiException.Invalid("/client_id", "client_incomplete", "The client needs a currency and a locale before it can be invoiced.");
        }

        if (organization.IsFrench && client.Kind != "individual" && client.BillingCountryCode == "FR"
            && client.EInvoicingAddress is null && client.TaxIdentificationNumber is null && client.VatNumber is null)
        {
            throw ApiException.Invalid("/client_id", "client_incomplete", "A French company client needs its SIREN (tax_identification_number), VAT number or e_invoicing_address for e-invoicing.");
        }

        if (client.Kind == "individual" && client.Email is null && client.EInvoicingAddress is null)
        {
            throw ApiException.Invalid("/client_id", "client_incomplete", "An individual client needs an email or e_invoicing_address to receive an e-invoice.");
        }

        CheckVatScope(invoice.ReadContent(), organization, client);
    }

    /// <summary>
    /// The EN 16931 rules between VAT categories and identifiers (<see cref="VatScopeRules"/>), on what the Factur-X
    /// mapping will write: the invoice's VAT number else the organization's, the tax number else a French seller's
    /// SIREN (<see cref="ClientInvoiceJson"/>), and the client's VAT number.
    /// </summary>
    private static void CheckVatScope(ClientInvoiceContent content, OrganizationRow organization, ClientRow client)
    {
        var sellerVat = content.Settings.VatNumber ?? organization.VatNumber;
        var taxRegistration = content.Settings.TaxNumber ?? (organization.IsFrench ? organization.LegalNumber : null);
        var categories = content.Items
            .Select(i => VatExemptions.CategoryOf(decimal.Parse(i.VatRate, CultureInfo.InvariantCulture), i.VatExemptionReason))
            .ToList();
        var facts = new VatScopeFacts(!string.IsNullOrWhiteSpace(sellerVat), !string.IsNullOrWhiteSpace(taxRegistration), !string.IsNullOrWhiteSpace(client.VatNumber), categories);
        if (VatScopeRules.Check(facts) is [var first, ..])
        {
            var pointer = first.LineIndex is { } line ? $"/items/{line}/vat_exemption_reason" : "/items";
            throw ApiException.Invalid(pointer, "invalid", $"{first.RuleId}: {first.Message} ({pointer})");
        }
    }
}
