using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Comptoir.FacturX.Model;

namespace Comptoir.FacturX.Reading;

/// <summary>
/// Parses an OASIS UBL 2.1 Invoice or CreditNote (EN 16931 UBL syntax, Peppol BIS 3, XRechnung UBL) into the same read
/// model as <see cref="CiiReader"/>, following the EN 16931 syntax binding term by term. DTDs are refused; missing
/// optional parts stay null.
/// </summary>
public static class UblReader
{
    public const string InvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public const string CreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    /// <summary>True when the document's root is a UBL Invoice or CreditNote (reads only up to the root element).</summary>
    public static bool IsUbl(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), SecureXml.Settings);
            return reader.MoveToContent() == XmlNodeType.Element
                && (reader.LocalName, reader.NamespaceURI) is ("Invoice", InvoiceNamespace) or ("CreditNote", CreditNoteNamespace);
        }
        catch (XmlException)
        {
            return false;
        }
    }

    /// <exception cref="InvalidDataException">Not well-formed XML, or not a UBL Invoice or CreditNote.</exception>
    public static CiiInvoice Read(byte[] xml)
    {
        var document = SecureXml.Load(xml);

        var root = document.Root;
        var creditNote = root?.Name == XName.Get("CreditNote", CreditNoteNamespace);
        if (root is null || (!creditNote && root.Name != XName.Get("Invoice", InvoiceNamespace)))
        {
            throw new InvalidDataException($"Not a UBL invoice: the root element is {root?.Name.LocalName ?? "missing"}, expected Invoice or CreditNote.");
        }

        var currency = Text(root.Element(Cbc + "DocumentCurrencyCode"));
        var means = root.Elements(Cac + "PaymentMeans").ToList();
        var total = root.Element(Cac + "LegalMonetaryTotal");
        var taxTotal = DocumentTaxTotal(root, currency);
        return new CiiInvoice
        {
            Guideline = Text(root.Element(Cbc + "CustomizationID")),
            BusinessProcess = Text(root.Element(Cbc + "ProfileID")),
            Number = Text(root.Element(Cbc + "ID")) ?? string.Empty,
            TypeCode = Text(root.Element(Cbc + (creditNote ? "CreditNoteTypeCode" : "InvoiceTypeCode"))) ?? (creditNote ? "381" : "380"),
            IssueDate = Date(root.Element(Cbc + "IssueDate")),
            // BT-9: cbc:DueDate on an Invoice; a CreditNote carries it on its payment means.
            DueDate = Date(root.Element(Cbc + "DueDate")) ?? means.Select(m => Date(m.Element(Cbc + "PaymentDueDate"))).FirstOrDefault(d => d is not null),
            Currency = currency,
            BuyerReference = Text(root.Element(Cbc + "BuyerReference")),
            PurchaseOrderReference = Text(root.Element(Cac + "OrderReference")?.Element(Cbc + "ID")),
            PaymentTerms = Text(root.Element(Cac + "PaymentTerms")?.Element(Cbc + "Note")),
            Notes = root.Elements(Cbc + "Note").Select(n => new InvoiceNote(n.Value.Trim(), null)).ToList(),
            Seller = ReadParty(root.Element(Cac + "AccountingSupplierParty")?.Element(Cac + "Party")) ?? new Party { Name = string.Empty, Address = new PostalAddress { CountryCode = string.Empty } },
            Buyer = ReadParty(root.Element(Cac + "AccountingCustomerParty")?.Element(Cac + "Party")),
            Payment = ReadPayment(means),
            Lines = root.Elements(Cac + (creditNote ? "CreditNoteLine" : "InvoiceLine")).Select(l => ReadLine(l, creditNote)).ToList(),
            VatBreakdown = taxTotal?.Elements(Cac + "TaxSubtotal").Select(ReadVat).ToList() ?? [],
            Totals = new CiiTotals(
                Amount(total?.Element(Cbc + "LineExtensionAmount")),
                Amount(total?.Element(Cbc + "ChargeTotalAmount")),
                Amount(total?.Element(Cbc + "AllowanceTotalAmount")),
                Amount(total?.Element(Cbc + "TaxExclusiveAmount")),
                Amount(taxTotal?.Element(Cbc + "TaxAmount")),
                Amount(total?.Element(Cbc + "TaxInclusiveAmount")),
                Amount(total?.Element(Cbc + "PayableRoundingAmount")),
                Amount(total?.Element(Cbc + "PrepaidAmount")),
                Amount(total?.Element(Cbc + "PayableAmount"))),
        };
    }

    /// <summary>BT-110 is the cac:TaxTotal in the document currency (a second one, BT-111, may be in the tax currency).</summary>
    private static XElement? DocumentTaxTotal(XElement root, string? currency)
    {
        var totals = root.Elements(Cac + "TaxTotal").ToList();
        return totals.FirstOrDefault(t => currency is not null && (string?)t.Element(Cbc + "TaxAmount")?.Attribute("currencyID") == currency)
            ?? totals.FirstOrDefault(t => t.Element(Cac + "TaxSubtotal") is not null)
            ?? totals.FirstOrDefault();
    }

    private static Party? ReadParty(XElement? party)
    {
        if (party is null)
        {
            return null;
        }

        var legal = party.Element(Cac + "PartyLegalEntity");
        var legalId = legal?.Element(Cbc + "CompanyID");
        var address = party.Element(Cac + "PostalAddress");
        var endpoint = party.Element(Cbc + "EndpointID");
        var contact = party.Element(Cac + "Contact");
        var vat = party.Elements(Cac + "PartyTaxScheme")
            .FirstOrDefault(s => Text(s.Element(Cac + "TaxScheme")?.Element(Cbc + "ID")) == "VAT")?.Element(Cbc + "CompanyID");
        return new Party
        {
            // BT-27 is the registration name; BT-28, the trading name, is cac:PartyName.
            Name = Text(legal?.Element(Cbc + "RegistrationName")) ?? Text(party.Element(Cac + "PartyName")?.Element(Cbc + "Name")) ?? string.Empty,
            TradingName = Text(party.Element(Cac + "PartyName")?.Element(Cbc + "Name")),
            LegalId = Text(legalId),
            LegalIdScheme = (string?)legalId?.Attribute("schemeID") ?? string.Empty,
            VatNumber = Text(vat),
            Address = new PostalAddress
            {
                Line1 = Text(address?.Element(Cbc + "StreetName")),
                Line2 = Text(address?.Element(Cbc + "AdditionalStreetName")),
                Line3 = Text(address?.Element(Cac + "AddressLine")?.Element(Cbc + "Line")),
                PostCode = Text(address?.Element(Cbc + "PostalZone")),
                City = Text(address?.Element(Cbc + "CityName")),
                CountrySubdivision = Text(address?.Element(Cbc + "CountrySubentity")),
                CountryCode = Text(address?.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode")) ?? string.Empty,
            },
            ElectronicAddress = Text(endpoint) is { } value ? new ElectronicAddress(value, (string?)endpoint!.Attribute("schemeID") ?? string.Empty) : null,
            ContactName = Text(contact?.Element(Cbc + "Name")),
            ContactEmail = Text(contact?.Element(Cbc + "ElectronicMail")),
            ContactPhone = Text(contact?.Element(Cbc + "Telephone")),
        };
    }

    /// <summary>The first payment means; its account (BT-84) is the first credit transfer account stated.</summary>
    private static PaymentInstructions? ReadPayment(IReadOnlyList<XElement> means)
    {
        if (means.Count == 0)
        {
            return null;
        }

        var first = means[0];
        var account = means.Select(m => m.Element(Cac + "PayeeFinancialAccount")).FirstOrDefault(a => Text(a?.Element(Cbc + "ID")) is not null);
        return new PaymentInstructions
        {
            MeansCode = Text(first.Element(Cbc + "PaymentMeansCode")) ?? string.Empty,
            Iban = Text(account?.Element(Cbc + "ID")),
            AccountName = Text(account?.Element(Cbc + "Name")),
            Bic = Text(account?.Element(Cac + "FinancialInstitutionBranch")?.Element(Cbc + "ID")),
            RemittanceReference = means.Select(m => Text(m.Element(Cbc + "PaymentID"))).FirstOrDefault(r => r is not null),
        };
    }

    private static CiiLine ReadLine(XElement line, bool creditNote)
    {
        var item = line.Element(Cac + "Item");
        var price = line.Element(Cac + "Price");
        var quantity = line.Element(Cbc + (creditNote ? "CreditedQuantity" : "InvoicedQuantity"));
        var tax = item?.Element(Cac + "ClassifiedTaxCategory");
        return new CiiLine(
            Text(line.Element(Cbc + "ID")) ?? string.Empty,
            Text(item?.Element(Cbc + "Name")) ?? string.Empty,
            Text(item?.Element(Cbc + "Description")),
            Amount(quantity),
            (string?)quantity?.Attribute("unitCode"),
            Amount(price?.Element(Cbc + "PriceAmount")),
            Amount(price?.Element(Cbc + "BaseQuantity")),
            Amount(line.Element(Cbc + "LineExtensionAmount")),
            Text(tax?.Element(Cbc + "ID")),
            Amount(tax?.Element(Cbc + "Percent")),
            AllowanceCharges(line, charge: false),
            AllowanceCharges(line, charge: true));
    }

    private static decimal AllowanceCharges(XElement line, bool charge) =>
        line.Elements(Cac + "AllowanceCharge")
            .Where(a => string.Equals(Text(a.Element(Cbc + "ChargeIndicator")), charge ? "true" : "false", StringComparison.OrdinalIgnoreCase))
            .Sum(a => Amount(a.Element(Cbc + "Amount")) ?? 0m);

    private static CiiVatRow ReadVat(XElement subtotal)
    {
        var category = subtotal.Element(Cac + "TaxCategory");
        return new CiiVatRow(
            Text(category?.Element(Cbc + "ID")),
            Amount(category?.Element(Cbc + "Percent")),
            Amount(subtotal.Element(Cbc + "TaxableAmount")),
            Amount(subtotal.Element(Cbc + "TaxAmount")),
            Text(category?.Element(Cbc + "TaxExemptionReason")),
            Text(category?.Element(Cbc + "TaxExemptionReasonCode")));
    }

    private static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static decimal? Amount(XElement? element) =>
        Text(element) is { } text && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? Date(XElement? element) =>
        Text(element) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
