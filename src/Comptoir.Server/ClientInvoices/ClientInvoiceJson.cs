using System.Text.Json;
using Comptoir.Core.Invoicing;
using Comptoir.Core.Money;
using Comptoir.FacturX.Model;

namespace Comptoir.Server.ClientInvoices;

/// <summary>An invoice read from the API's client_invoice JSON, with the language its client reads.</summary>
public sealed record ClientInvoiceInput(InvoiceDocument Invoice, bool IsDraft, string Language);

/// <summary>
/// Maps the API's <c>client_invoice</c> JSON (flat or wrapped in {"client_invoice": ...}, with its
/// <c>organization</c> and <c>client</c> blocks) onto the Factur-X model, applying the rules of the API reference §6:
/// French mentions as PMD/PMT/AAB notes, transaction_type as billing mode, SIREN and electronic addresses.
/// </summary>
public static class ClientInvoiceJson
{
    /// <summary>Largest JSON accepted.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Most items an invoice may carry.</summary>
    public const int MaxItems = 2000;

    public static ClientInvoiceInput Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            throw new InvoiceJsonException("", $"the document is larger than {MaxBytes / (1024 * 1024)} MB.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new InvoiceJsonException("", $"not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvoiceJsonException("", "must be a JSON object.");
            }

            var pointer = string.Empty;
            if (root.TryGetProperty("client_invoice", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
            {
                root = wrapped;
                pointer = "/client_invoice";
            }

            return Map(root, pointer);
        }
    }

    private static ClientInvoiceInput Map(JsonElement invoice, string p)
    {
        var organization = JsonFields.Object(invoice, "organization", p) ?? throw new InvoiceJsonException($"{p}/organization", "is required (the seller).");
        var client = JsonFields.Object(invoice, "client", p) ?? throw new InvoiceJsonException($"{p}/client", "is required (the buyer).");
        var settings = JsonFields.Object(invoice, "settings", p);
        var status = JsonFields.String(invoice, "status", p, 20);
        var number = JsonFields.String(invoice, "number", p, 40);
        var isDraft = status == "draft" || number is null;

        var seller = Seller(organization, settings, JsonFields.String(invoice, "contact_email", p, 250), $"{p}/organization");
        var (buyer, deliverTo) = Buyer(client, $"{p}/client");
        var items = Items(invoice, p);
        var startDate = JsonFields.Date(invoice, "performance_start_date", p);
        var endDate = JsonFields.Date(invoice, "performance_end_date", p);
        if (endDate is not null && startDate is null)
        {
            throw new InvoiceJsonException($"{p}/performance_start_date", "is required when performance_end_date is given.");
        }

        if (startDate > endDate)
        {
            throw new InvoiceJsonException($"{p}/performance_end_date", "must not be before performance_start_date.");
        }

        var deliveryDate = startDate is null ? JsonFields.Date(invoice, "performance_date", p) : null;
        var issueDate = JsonFields.Date(invoice, "issue_date", p) ?? throw new InvoiceJsonException($"{p}/issue_date", "is required.");
        // An intra-community supply must state when it happened (BR-IC-11); the issue date is the fallback.
        if (items.Any(i => i.VatCategory == VatCategory.IntraCommunity) && deliveryDate is null && startDate is null)
        {
            deliveryDate = issueDate;
            deliverTo ??= buyer.Address;
        }

        var payment = Payment(invoice, p, number);
        var transactionType = JsonFields.String(settings, "transaction_type", $"{p}/settings") ?? JsonFields.String(organization, "transaction_type", $"{p}/organization");
        var document = new InvoiceDocument
        {
            Kind = JsonFields.String(invoice, "invoice_type", p, 40) == "credit_note" ? DocumentKind.CreditNote : DocumentKind.Invoice,
            Number = isDraft ? null : number,
            IssueDate = issueDate,
            DueDate = JsonFields.Date(invoice, "due_date", p),
            Currency = JsonFields.String(invoice, "currency", p, 3) ?? "EUR",
            BillingMode = FrenchLegalMentions.BillingModeFor(transactionType),
            PurchaseOrderReference = JsonFields.String(invoice, "purchase_order", p, 40),
            Seller = seller,
            Buyer = buyer,
            DeliveryDate = deliveryDate,
            PeriodStart = startDate,
            PeriodEnd = endDate,
            DeliverTo = deliverTo,
            Payment = payment,
            Lines = items,
            Notes = Notes(invoice, settings, p, seller.Address.CountryCode),
            Header = JsonFields.String(invoice, "header", p, 2000),
            Footer = JsonFields.String(invoice, "footer", p, 2000),
            TermsAndConditions = JsonFields.String(invoice, "terms_and_conditions", p, 525),
            LegalMentions = LegalMentions(organization, settings, p),
        };
        var locale = JsonFields.String(client, "locale", $"{p}/client", 10);
        return new ClientInvoiceInput(document, isDraft, locale is not null && locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr");
    }

    private static Party Seller(JsonElement organization, JsonElement? settings, string? contactEmail, string p)
    {
        var country = (JsonFields.String(organization, "address_country", p, 2) ?? JsonFields.String(organization, "legal_country", p, 2) ?? "FR").ToUpperInvariant();
        var legalNumber = JsonFields.String(organization, "legal_number", p, 20);
        var siren = Siren.TryNormalize(legalNumber, out var normalized) ? normalized : null;
        if (country == "FR" && siren is null)
        {
            throw new InvoiceJsonException($"{p}/legal_number", "a French seller needs its SIREN (9 digits) or SIRET (14 digits).");
        }

        var vat = JsonFields.String(settings, "vat_number", $"{p}/../settings", 20) ?? JsonFields.String(organization, "vat_number", p, 20);
        return new Party
        {
            Name = JsonFields.RequiredString(organization, "legal_name", p, 250),
            LegalId = siren,
            VatNumber = vat,
            Address = new PostalAddress
            {
                Line1 = JsonFields.String(organization, "address_line_1", p, 250),
                Line2 = JsonFields.String(organization, "address_line_2", p, 250),
                PostCode = JsonFields.String(organization, "address_zipcode", p, 20),
                City = JsonFields.String(organization, "address_city", p, 100),
                CountryCode = country,
            },
            ElectronicAddress = ElectronicAddresses.Choose(JsonFields.String(organization, "e_invoicing_address", p, 125), siren, vat, contactEmail),
            ContactEmail = contactEmail,
        };
    }

    private static (Party Buyer, PostalAddress? DeliverTo) Buyer(JsonElement client, string p)
    {
        var kind = JsonFields.String(client, "kind", p, 20) ?? JsonFields.String(client, "type", p, 20) ?? "company";
        var name = JsonFields.String(client, "name", p, 250);
        if (name is null || kind == "individual")
        {
            var person = string.Join(' ', new[] { JsonFields.String(client, "first_name", p, 60), JsonFields.String(client, "last_name", p, 60) }.Where(s => s is not null));
            name = person.Length > 0 ? person : name;
        }

        if (name is null)
        {
            throw new InvoiceJsonException($"{p}/name", "is required (or first_name and last_name for an individual).");
        }

        var address = Address(JsonFields.Object(client, "billing_address", p), $"{p}/billing_address") ?? Address(client, p)
            ?? throw new InvoiceJsonException($"{p}/billing_address", "is required: an invoice needs the client's address (country_code at least).");
        var delivery = Address(JsonFields.Object(client, "delivery_address", p), $"{p}/delivery_address");
        var vat = JsonFields.String(client, "vat_number", p, 20);
        var taxId = JsonFields.String(client, "tax_identification_number", p, 30);
        string? siren = null;
        if (kind != "individual" && address.CountryCode == "FR")
        {
            siren = Siren.TryNormalize(taxId, out var fromTaxId) ? fromTaxId : Siren.TryFromFrenchVat(vat, out var fromVat) ? fromVat : null;
        }

        var email = JsonFields.String(client, "email", p, 250);
        var buyer = new Party
        {
            Name = name,
            LegalId = siren,
            VatNumber = vat,
            Address = address,
            ElectronicAddress = ElectronicAddresses.Choose(JsonFields.String(client, "e_invoicing_address", p, 125), siren, vat, email),
            ContactEmail = email,
        };
        return (buyer, delivery);
    }

    private static PostalAddress? Address(JsonElement? block, string p)
    {
        if (block is not { } element)
        {
            return null;
        }

        var country = JsonFields.String(element, "country_code", p, 2);
        if (country is null)
        {
            return null;
        }

        return new PostalAddress
        {
            Line1 = JsonFields.String(element, "street_address", p, 250) ?? JsonFields.String(element, "address", p, 250),
            PostCode = JsonFields.String(element, "zip_code", p, 20),
            City = JsonFields.String(element, "city", p, 100),
            CountrySubdivision = JsonFields.String(element, "province_code", p, 10),
            CountryCode = country.ToUpperInvariant(),
        };
    }

    private static List<InvoiceItem> Items(JsonElement invoice, string p)
    {
        if (!invoice.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            throw new InvoiceJsonException($"{p}/items", "must be a non-empty array.");
        }

        if (items.GetArrayLength() > MaxItems)
        {
            throw new InvoiceJsonException($"{p}/items", $"has more than {MaxItems} items.");
        }

        var result = new List<InvoiceItem>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var ip = $"{p}/items/{index++}";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new InvoiceJsonException(ip, "must be an object.");
            }

            result.Add(Item(item, ip));
        }

        return result;
    }

    private static InvoiceItem Item(JsonElement item, string ip)
    {
        var rate = JsonFields.Decimal(item, "vat_rate", ip) ?? throw new InvoiceJsonException($"{ip}/vat_rate", "is required (a fraction, \"0.20\" for 20 %).");
        if (rate < 0m || rate >= 1m)
        {
            throw new InvoiceJsonException($"{ip}/vat_rate", "must be a fraction between 0 and 1 (\"0.20\" for 20 %).");
        }

        var reasonCode = JsonFields.String(item, "vat_exemption_reason", ip, 20);
        var category = VatCategory.Standard;
        VatExemption? exemption = null;
        if (rate == 0m)
        {
            category = VatCategory.ZeroRated;
            if (reasonCode is not null)
            {
                if (!VatExemptions.TryGet(reasonCode, out var found))
                {
                    throw new InvoiceJsonException($"{ip}/vat_exemption_reason", $"'{reasonCode}' is not one of: {string.Join(", ", VatExemptions.Supported.Select(e => e.Code))}.");
                }

                exemption = found;
                category = found.Category;
            }
        }
        else if (reasonCode is not null)
        {
            throw new InvoiceJsonException($"{ip}/vat_exemption_reason", "only applies to a zero VAT rate.");
        }

        LineDiscount? discount = null;
        if (JsonFields.Object(item, "discount", ip) is { } d)
        {
            var type = JsonFields.RequiredString(d, "type", $"{ip}/discount", 20);
            var value = JsonFields.Decimal(d, "value", $"{ip}/discount") ?? throw new InvoiceJsonException($"{ip}/discount/value", "is required.");
            discount = type switch
            {
                "percentage" => new LineDiscount(DiscountKind.Percentage, value),
                "absolute" => new LineDiscount(DiscountKind.Absolute, value),
                _ => throw new InvoiceJsonException($"{ip}/discount/type", "must be 'percentage' or 'absolute'."),
            };
        }

        var quantity = JsonFields.Decimal(item, "quantity", ip) ?? throw new InvoiceJsonException($"{ip}/quantity", "is required.");
        var price = JsonFields.Money(item, "unit_price", ip) ?? throw new InvoiceJsonException($"{ip}/unit_price", "is required.");
        if (DecimalText.Scale(quantity) > 4)
        {
            throw new InvoiceJsonException($"{ip}/quantity", "has more than 4 decimals.");
        }

        var result = new InvoiceItem
        {
            Title = JsonFields.RequiredString(item, "title", ip, 250),
            Description = JsonFields.String(item, "description", ip, 4000),
            Quantity = quantity,
            Unit = JsonFields.String(item, "unit", ip, 40),
            UnitPrice = price,
            VatRate = rate,
            VatCategory = category,
            Exemption = exemption,
            Discount = discount,
        };
        if (InvoiceCalculator.Validate(result.ToCalculatorLineForValidation()) is { } problem)
        {
            throw new InvoiceJsonException(ip, problem);
        }

        return result;
    }

    private static InvoiceLine ToCalculatorLineForValidation(this InvoiceItem item) =>
        new(item.Quantity, item.UnitPrice, item.VatRate, item.VatCategory, item.Discount);

    private static PaymentInstructions? Payment(JsonElement invoice, string p, string? number)
    {
        JsonElement? method = null;
        if (invoice.TryGetProperty("payment_methods", out var methods))
        {
            method = methods.ValueKind switch
            {
                JsonValueKind.Array => methods.EnumerateArray().FirstOrDefault(m => m.ValueKind == JsonValueKind.Object),
                JsonValueKind.Object => methods,
                _ => null,
            };
            if (method is { ValueKind: JsonValueKind.Undefined })
            {
                method = null;
            }
        }

        var iban = JsonFields.String(method, "iban", $"{p}/payment_methods", 34);
        if (iban is null)
        {
            return null;
        }

        return new PaymentInstructions
        {
            Iban = iban,
            Bic = JsonFields.String(method, "bic", $"{p}/payment_methods", 11),
            AccountName = JsonFields.String(method, "beneficiary_name", $"{p}/payment_methods", 140),
            RemittanceReference = number,
        };
    }

    private static List<InvoiceNote> Notes(JsonElement invoice, JsonElement? settings, string p, string sellerCountry)
    {
        string? Mention(string name) => JsonFields.String(settings, name, $"{p}/settings", 1000) ?? JsonFields.String(invoice, name, p, 1000);
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

        Add(Mention("late_payment_penalties"), "PMD", FrenchLegalMentions.LatePaymentPenalties);
        Add(Mention("legal_fixed_compensation"), "PMT", FrenchLegalMentions.FixedRecoveryCompensation);
        Add(Mention("discount_conditions"), "AAB", FrenchLegalMentions.NoEarlyPaymentDiscount);
        if (JsonFields.String(invoice, "terms_and_conditions", p, 525) is { } terms)
        {
            notes.Add(new InvoiceNote(terms, "AAI"));
        }

        return notes;
    }

    private static List<string> LegalMentions(JsonElement organization, JsonElement? settings, string p)
    {
        string? Value(string name) => JsonFields.String(settings, name, $"{p}/settings", 250) ?? JsonFields.String(organization, name, $"{p}/organization", 250);
        var mentions = new List<string>();
        var capital = JsonFields.Money(settings, "legal_capital_share", $"{p}/settings") ?? JsonFields.Money(organization, "legal_capital_share", $"{p}/organization");
        if (capital is { } amount)
        {
            var french = new System.Globalization.NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = " " };
            mentions.Add($"Capital social : {amount.ToString("N2", french)} €");
        }

        if (Value("commercial_register_number") is { } register)
        {
            mentions.Add($"RCS {register}");
        }

        if (Value("company_leadership") is { } leadership)
        {
            mentions.Add(leadership);
        }

        if (Value("vat_payment_condition") == "on_receipts")
        {
            mentions.Add("TVA acquittée sur les encaissements.");
        }

        return mentions.Count == 0 ? [] : [string.Join(" — ", mentions)];
    }
}
