using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Clients;
using Comptoir.Server.Organizations;

namespace Comptoir.Server.ClientInvoices;

/// <summary>What an invoice needs before it can be finalized (and become a valid Factur-X file).</summary>
public static class ClientInvoiceReadiness
{
    /// <summary>The client's data an e-invoice needs, checked before the invoice is numbered.</summary>
    public static void CheckClient(OrganizationRow organization, ClientRow client)
    {
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

    /// <summary>
    /// The numbered invoice, as rendered for storage, checked as the document job will render it: mapped onto the
    /// Factur-X model from its stored JSON, written as CII and run through every fatal rule (FacturXConformance).
    /// </summary>
    public static void CheckConformance(ClientInvoiceRow numbered)
    {
        ArgumentNullException.ThrowIfNull(numbered);
        ClientInvoiceInput mapped;
        try
        {
            mapped = ClientInvoiceFacturX.Map(numbered);
        }
        catch (JsonBodyException e)
        {
            throw FacturXConformance.Incomplete(e, FindingPointers.ClientInvoice);
        }

        // No EN 16931 rule reads the number's text, only that there is one: checked under a fixed stand-in, the same
        // invoice gives the same XML before its number is taken (PreCheckConformance) and after.
        FacturXConformance.Require(mapped.Invoice with { Number = NumberStandIn }, FindingPointers.ClientInvoice);
    }

    private const string NumberStandIn = "NUMBER-STAND-IN";

    /// <summary>
    /// The check <see cref="CheckConformance"/> makes in the finalizing write, made before it on a copy of the invoice
    /// as it will be finalized: a refusal comes before the writer is taken, and an accepted invoice is not validated
    /// again inside it (same XML). Anything changed in between makes different XML, checked again in the write.
    /// </summary>
    public static void PreCheckConformance(ClientInvoiceRow invoice, OrganizationRow organization, ClientRow client, Action<ClientInvoiceRow> finalize)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(finalize);
        var copy = invoice.Copy();
        copy.Number ??= NumberStandIn;
        finalize(copy);
        CheckConformance(copy);
    }
}
