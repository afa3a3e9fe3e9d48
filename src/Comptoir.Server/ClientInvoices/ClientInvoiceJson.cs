using System.Globalization;
using System.Text.Json;
using Comptoir.Core.Invoicing;
using Comptoir.FacturX.Model;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.ClientInvoices;

/// <summary>An invoice read from the API's client_invoice JSON, with the language its client reads.</summary>
[PublicSurface]
public sealed record ClientInvoiceInput(InvoiceDocument Invoice, bool IsDraft, string Language);

/// <summary>
/// Maps the API's <c>client_invoice</c> JSON (flat or wrapped in {"client_invoice": ...}, with its
/// <c>organization</c> and <c>client</c> blocks) onto the Factur-X model: French mentions as PMD/PMT/AAB notes,
/// transaction_type as billing mode, SIREN and electronic addresses. The invoice's own fields follow the API's rules
/// (<see cref="ClientInvoiceRules"/>), read through the same strict reader, so a document the API would refuse is
/// refused here too, with the same pointer and code (<see cref="JsonBodyException"/>).
/// </summary>
[PublicSurface]
public static class ClientInvoiceJson
{
    /// <summary>The API prints payment_methods as an array; only its first entry is an instruction.</summary>
    private const int MaxPaymentMethods = 10;

    /// <summary>A document from outside (a file, standard input): at most the API's body limit.</summary>
    /// <exception cref="JsonBodyException">The document is refused; the pointer names the field.</exception>
    public static ClientInvoiceInput Parse(ReadOnlyMemory<byte> json) => Parse(json, ClientInvoiceRules.MaxBodyBytes);

    /// <summary>
    /// The server's own response JSON of a stored invoice (the document worker). Its fields passed the rules when it
    /// was saved, and with its computed amounts and parties it can be larger than the request was: no body limit.
    /// </summary>
    public static ClientInvoiceInput ParseApiResponse(ReadOnlyMemory<byte> json) => Parse(json, int.MaxValue);

    private static ClientInvoiceInput Parse(ReadOnlyMemory<byte> json, int maxBytes)
    {
        using var document = StrictJsonDocument.Parse(json, maxBytes);
        var root = JsonBody.Root(document);
        // Unwrapped as the API unwraps a request.
        return Map(root.Object("client_invoice") ?? root);
    }

    private static ClientInvoiceInput Map(JsonBody invoice)
    {
        var organization = invoice.Object("organization") ?? throw invoice.Required("organization", "organization is required (the seller).");
        var client = invoice.Object("client") ?? throw invoice.Required("client", "client is required (the buyer).");
        var settings = new ClientInvoiceSettings();
        if (invoice.Object("settings") is { } block)
        {
            ClientInvoiceRules.ApplySettings(block, settings);
        }

        var sellerCountry = (organization.String("address_country", 2) ?? organization.String("legal_country", 2) ?? "FR").ToUpperInvariant();
        var frenchSeller = sellerCountry == "FR";
        var number = ClientInvoiceRules.Number(invoice, frenchSeller);
        var isDraft = invoice.String("status", 20) == "draft" || number is null;
        var seller = Seller(organization, settings, ClientInvoiceRules.ContactEmail(invoice), sellerCountry);
        var (buyer, deliverTo) = Buyer(client);
        var items = ClientInvoiceRules.Items(invoice, frenchSeller).Select(ToItem).ToList();
        var startDate = invoice.Date("performance_start_date");
        var endDate = invoice.Date("performance_end_date");
        ClientInvoiceRules.CheckPerformancePeriod(invoice, startDate, endDate);
        var performanceDate = invoice.Date("performance_date");
        var deliveryDate = startDate is null ? performanceDate : null;
        var issueDate = ClientInvoiceRules.IssueDate(invoice);
        var dueDate = ClientInvoiceRules.DueDate(invoice);
        ClientInvoiceRules.CheckDueDate(invoice, issueDate, dueDate);
        // An intra-community supply must state when it happened (BR-IC-11); the issue date is the fallback.
        if (items.Any(i => i.VatCategory == VatCategory.IntraCommunity) && deliveryDate is null && startDate is null)
        {
            deliveryDate = issueDate;
            deliverTo ??= buyer.Address;
        }

        var (currency, euroRate) = ClientInvoiceRules.DocumentCurrency(invoice);
        var document = new InvoiceDocument
        {
            Kind = invoice.String("invoice_type", 40) == "credit_note" ? DocumentKind.CreditNote : DocumentKind.Invoice,
            Number = isDraft ? null : number,
            IssueDate = issueDate,
            DueDate = dueDate,
            Currency = currency,
            EuroExchangeRate = euroRate,
            BillingMode = FrenchLegalMentions.BillingModeFor(settings.TransactionType ?? organization.String("transaction_type")),
            PurchaseOrderReference = ClientInvoiceRules.PurchaseOrder(invoice),
            Seller = seller,
            Buyer = buyer,
            DeliveryDate = deliveryDate,
            PeriodStart = startDate,
            PeriodEnd = endDate,
            DeliverTo = deliverTo,
            Payment = Payment(invoice, number),
            Lines = items,
            Notes = Notes(invoice, settings, sellerCountry),
            Header = ClientInvoiceRules.Header(invoice),
            Footer = ClientInvoiceRules.Footer(invoice),
            TermsAndConditions = ClientInvoiceRules.TermsAndConditions(invoice),
            LegalMentions = LegalMentions(organization, settings),
        };
        var locale = client.String("locale", 10);
        return new ClientInvoiceInput(document, isDraft, locale is not null && locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr");
    }

    private static Party Seller(JsonBody organization, ClientInvoiceSettings settings, string? contactEmail, string country)
    {
        var legalNumber = organization.String("legal_number", 20);
        var siren = Siren.TryNormalize(legalNumber, out var normalized) ? normalized : null;
        // BR-FR-10: a French seller is identified by its SIREN.
        if (country == "FR" && siren is null)
        {
            throw organization.Invalid("legal_number", legalNumber is null ? "required" : "invalid", "a French seller needs its SIREN (9 digits) or SIRET (14 digits).");
        }

        var vat = settings.VatNumber ?? organization.String("vat_number", 20);
        // BT-32: the tax number given, else a French seller's SIREN, under which its tax office registers it; with it
        // a micro-entrepreneur without a VAT number (art. 293 B) meets BR-E-02.
        var taxRegistration = settings.TaxNumber ?? organization.String("tax_number", ClientInvoiceRules.MaxTaxNumberLength)
            ?? (vat is null && country == "FR" ? siren : null);
        return new Party
        {
            Name = organization.RequiredString("legal_name", 250),
            LegalId = siren,
            VatNumber = vat,
            TaxRegistrationId = taxRegistration,
            Address = new PostalAddress
            {
                Line1 = organization.String("address_line_1", 250),
                Line2 = organization.String("address_line_2", 250),
                PostCode = organization.String("address_zipcode", 20),
                City = organization.String("address_city", 100),
                CountryCode = country,
            },
            ElectronicAddress = ElectronicAddresses.Choose(organization.String("e_invoicing_address", 125), siren, vat, contactEmail),
            ContactEmail = contactEmail,
        };
    }

    private static (Party Buyer, PostalAddress? DeliverTo) Buyer(JsonBody client)
    {
        var kind = client.String("kind", 20) ?? client.String("type", 20) ?? "company";
        var name = client.String("name", 250);
        if (name is null || kind == "individual")
        {
            var person = string.Join(' ', new[] { client.String("first_name", 60), client.String("last_name", 60) }.Where(s => s is not null));
            name = person.Length > 0 ? person : name;
        }

        if (name is null)
        {
            throw client.Required("name", "name is required (or first_name and last_name for an individual).");
        }

        ClientInvoiceRules.Printable(client, "name", name);

        // BR-10, BR-11: the buyer's postal address, with its country code.
        var address = Address(client.Object("billing_address")) ?? Address(client)
            ?? throw client.Required("billing_address", "billing_address is required: an invoice needs the client's address (country_code at least).");
        var delivery = Address(client.Object("delivery_address"));
        var vat = client.String("vat_number", 20);
        var taxId = client.String("tax_identification_number", 30);
        string? siren = null;
        if (kind != "individual" && address.CountryCode == "FR")
        {
            siren = Siren.TryNormalize(taxId, out var fromTaxId) ? fromTaxId : Siren.TryFromFrenchVat(vat, out var fromVat) ? fromVat : null;
        }

        var email = client.String("email", 250);
        var buyer = new Party
        {
            Name = name,
            LegalId = siren,
            VatNumber = vat,
            Address = address,
            ElectronicAddress = ElectronicAddresses.Choose(client.String("e_invoicing_address", 125), siren, vat, email),
            ContactEmail = email,
        };
        return (buyer, delivery);
    }

    private static PostalAddress? Address(JsonBody? block)
    {
        if (block is not { } address || address.String("country_code", 2) is not { } country)
        {
            return null;
        }

        return new PostalAddress
        {
            Line1 = address.String("street_address", 250) ?? address.String("address", 250),
            PostCode = address.String("zip_code", 20),
            City = address.String("city", 100),
            CountrySubdivision = address.String("province_code", 10),
            CountryCode = country.ToUpperInvariant(),
        };
    }

    private static InvoiceItem ToItem(ClientInvoiceItemInput item) => new()
    {
        Title = item.Title,
        Description = item.Description,
        Quantity = item.Quantity,
        Unit = item.Unit,
        UnitPrice = item.UnitPrice,
        VatRate = item.VatRate,
        VatCategory = item.Category,
        Exemption = item.Exemption,
        Discount = item.Discount,
    };

    private static PaymentInstructions Payment(JsonBody invoice, string? number)
    {
        // The request's object, or the first entry of the array the API prints.
        var method = invoice.Element.TryGetProperty("payment_methods", out var methods) && methods.ValueKind == JsonValueKind.Array
            ? invoice.Objects("payment_methods", MaxPaymentMethods).Select(m => (JsonBody?)m).FirstOrDefault()
            : invoice.Object("payment_methods");
        if (method is not { } payment)
        {
            throw invoice.Required("payment_methods", "payment_methods.iban is required.");
        }

        // Whether the account is the organization's, which the API checks, only the API can know.
        return new PaymentInstructions
        {
            Iban = payment.RequiredString("iban", ClientInvoiceRules.MaxIbanLength),
            Bic = payment.String("bic", ClientInvoiceRules.MaxBicLength),
            AccountName = payment.String("beneficiary_name", ClientInvoiceRules.MaxBeneficiaryNameLength),
            RemittanceReference = number,
        };
    }

    private static List<InvoiceNote> Notes(JsonBody invoice, ClientInvoiceSettings settings, string sellerCountry)
    {
        // The invoice's settings, else the value the API prints at the top level (the organization's).
        string? Mention(string? fromSettings, string name) => fromSettings ?? invoice.String(name, ClientInvoiceRules.MaxMentionLength);
        var french = sellerCountry == "FR";
        var notes = new List<InvoiceNote>();
        void Add(string? text, string subject, string? fallback)
        {
            var value = text ?? (french ? fallback : null);
            if (value is not null)
            {
                notes.Add(new InvoiceNote(value, subject));
            }
        }

        // BR-FR-05: a French invoice carries these three notes.
        Add(Mention(settings.LatePaymentPenalties, "late_payment_penalties"), "PMD", FrenchLegalMentions.LatePaymentPenalties);
        Add(Mention(settings.LegalFixedCompensation, "legal_fixed_compensation"), "PMT", FrenchLegalMentions.FixedRecoveryCompensation);
        Add(Mention(settings.DiscountConditions, "discount_conditions"), "AAB", FrenchLegalMentions.NoEarlyPaymentDiscount);
        if (ClientInvoiceRules.TermsAndConditions(invoice) is { } terms)
        {
            notes.Add(new InvoiceNote(terms, "AAI"));
        }

        return notes;
    }

    private static List<string> LegalMentions(JsonBody organization, ClientInvoiceSettings settings)
    {
        // The invoice's settings, else the organization block (where the API prints the settings it saved).
        string? Value(string? fromSettings, string name) => fromSettings ?? organization.String(name, ClientInvoiceRules.MaxRegistrationTextLength);
        var mentions = new List<string>();
        var capital = settings.LegalCapitalShare is { } saved ? decimal.Parse(saved, CultureInfo.InvariantCulture) : organization.Money("legal_capital_share");
        if (capital is { } amount)
        {
            var french = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = " " };
            mentions.Add($"Capital social : {amount.ToString("N2", french)} €");
        }

        if (Value(settings.CommercialRegisterNumber, "commercial_register_number") is { } register)
        {
            mentions.Add($"RCS {register}");
        }

        if (Value(settings.CompanyLeadership, "company_leadership") is { } leadership)
        {
            mentions.Add(leadership);
        }

        switch (Value(settings.VatPaymentCondition, "vat_payment_condition"))
        {
            case "on_receipts":
                mentions.Add("TVA acquittée sur les encaissements.");
                break;
            case "on_debits":
                // A service provider who opted to pay VAT when invoicing must say so on its invoices (CGI art. 242 nonies A).
                mentions.Add("Option pour le paiement de la TVA d'après les débits");
                break;
        }

        return mentions.Count == 0 ? [] : [string.Join(" — ", mentions)];
    }
}
