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
    }
}
