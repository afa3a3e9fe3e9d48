using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Model;

namespace Comptoir.FacturX.Reading;

/// <summary>
/// Parses UN/CEFACT CII (Factur-X, ZUGFeRD 2, XRechnung CII) into a <see cref="CiiInvoice"/>. DTDs are refused
/// (no entity expansion from hostile files); missing optional parts stay null rather than failing.
/// </summary>
public static class CiiReader
{
    /// <summary>Largest XML accepted (the same bound as an uploaded file).</summary>
    public const int MaxSize = 10 * 1024 * 1024;

    private static readonly XNamespace Rsm = CiiNamespaces.Rsm;
    private static readonly XNamespace Ram = CiiNamespaces.Ram;
    private static readonly XNamespace Udt = CiiNamespaces.Udt;

    /// <exception cref="InvalidDataException">Not well-formed XML, or not a CII invoice.</exception>
    public static CiiInvoice Read(byte[] xml)
    {
        var document = SecureXml.Load(xml);

        var root = document.Root;
        if (root is null || root.Name != Rsm + "CrossIndustryInvoice")
        {
            throw new InvalidDataException($"Not a CII invoice: the root element is {root?.Name.LocalName ?? "missing"}, expected rsm:CrossIndustryInvoice.");
        }

        var context = root.Element(Rsm + "ExchangedDocumentContext");
        var header = root.Element(Rsm + "ExchangedDocument");
        var transaction = root.Element(Rsm + "SupplyChainTradeTransaction");
        var agreement = transaction?.Element(Ram + "ApplicableHeaderTradeAgreement");
        var settlement = transaction?.Element(Ram + "ApplicableHeaderTradeSettlement");
        var summation = settlement?.Element(Ram + "SpecifiedTradeSettlementHeaderMonetarySummation");

        return new CiiInvoice
        {
            Guideline = Text(context?.Element(Ram + "GuidelineSpecifiedDocumentContextParameter")?.Element(Ram + "ID")),
            BusinessProcess = Text(context?.Element(Ram + "BusinessProcessSpecifiedDocumentContextParameter")?.Element(Ram + "ID")),
            Number = Text(header?.Element(Ram + "ID")) ?? string.Empty,
            TypeCode = Text(header?.Element(Ram + "TypeCode")) ?? string.Empty,
            IssueDate = Date(header?.Element(Ram + "IssueDateTime")?.Element(Udt + "DateTimeString")),
            Notes = header?.Elements(Ram + "IncludedNote").Select(n => new InvoiceNote(Text(n.Element(Ram + "Content")) ?? string.Empty, Text(n.Element(Ram + "SubjectCode")))).ToList() ?? [],
            BuyerReference = Text(agreement?.Element(Ram + "BuyerReference")),
            PurchaseOrderReference = Text(agreement?.Element(Ram + "BuyerOrderReferencedDocument")?.Element(Ram + "IssuerAssignedID")),
            Seller = ReadParty(agreement?.Element(Ram + "SellerTradeParty")) ?? new Party { Name = string.Empty, Address = new PostalAddress { CountryCode = string.Empty } },
            Buyer = ReadParty(agreement?.Element(Ram + "BuyerTradeParty")),
            Currency = Text(settlement?.Element(Ram + "InvoiceCurrencyCode")),
            Payment = ReadPayment(settlement),
            PaymentTerms = Text(settlement?.Element(Ram + "SpecifiedTradePaymentTerms")?.Element(Ram + "Description")),
            DueDate = Date(settlement?.Element(Ram + "SpecifiedTradePaymentTerms")?.Element(Ram + "DueDateDateTime")?.Element(Udt + "DateTimeString")),
            Lines = transaction?.Elements(Ram + "IncludedSupplyChainTradeLineItem").Select(ReadLine).ToList() ?? [],
            VatBreakdown = settlement?.Elements(Ram + "ApplicableTradeTax").Select(ReadVat).ToList() ?? [],
            Totals = new CiiTotals(
                Amount(summation?.Element(Ram + "LineTotalAmount")),
                Amount(summation?.Element(Ram + "ChargeTotalAmount")),
                Amount(summation?.Element(Ram + "AllowanceTotalAmount")),
                Amount(summation?.Element(Ram + "TaxBasisTotalAmount")),
                TaxTotal(summation, Text(settlement?.Element(Ram + "InvoiceCurrencyCode"))),
                Amount(summation?.Element(Ram + "GrandTotalAmount")),
                Amount(summation?.Element(Ram + "RoundingAmount")),
                Amount(summation?.Element(Ram + "TotalPrepaidAmount")),
                Amount(summation?.Element(Ram + "DuePayableAmount"))),
        };
    }

    /// <summary>BT-110 is the TaxTotalAmount in the invoice currency (BT-111, in accounting currency, may also be present).</summary>
    private static decimal? TaxTotal(XElement? summation, string? currency)
    {
        var totals = summation?.Elements(Ram + "TaxTotalAmount").ToList() ?? [];
        var inCurrency = totals.FirstOrDefault(t => currency is null || (string?)t.Attribute("currencyID") == currency) ?? totals.FirstOrDefault();
        return Amount(inCurrency);
    }

    private static Party? ReadParty(XElement? party)
    {
        if (party is null)
        {
            return null;
        }

        var legal = party.Element(Ram + "SpecifiedLegalOrganization");
        var legalId = legal?.Element(Ram + "ID");
        var address = party.Element(Ram + "PostalTradeAddress");
        var uri = party.Element(Ram + "URIUniversalCommunication")?.Element(Ram + "URIID");
        var contact = party.Element(Ram + "DefinedTradeContact");
        var vat = party.Elements(Ram + "SpecifiedTaxRegistration").Select(r => r.Element(Ram + "ID")).FirstOrDefault(id => (string?)id?.Attribute("schemeID") == "VA");
        return new Party
        {
            Name = Text(party.Element(Ram + "Name")) ?? string.Empty,
            TradingName = Text(legal?.Element(Ram + "TradingBusinessName")),
            LegalId = Text(legalId),
            LegalIdScheme = (string?)legalId?.Attribute("schemeID") ?? string.Empty,
            VatNumber = Text(vat),
            Address = new PostalAddress
            {
                PostCode = Text(address?.Element(Ram + "PostcodeCode")),
                Line1 = Text(address?.Element(Ram + "LineOne")),
                Line2 = Text(address?.Element(Ram + "LineTwo")),
                Line3 = Text(address?.Element(Ram + "LineThree")),
                City = Text(address?.Element(Ram + "CityName")),
                CountryCode = Text(address?.Element(Ram + "CountryID")) ?? string.Empty,
                CountrySubdivision = Text(address?.Element(Ram + "CountrySubDivisionName")),
            },
            ElectronicAddress = Text(uri) is { } endpoint ? new ElectronicAddress(endpoint, (string?)uri!.Attribute("schemeID") ?? string.Empty) : null,
            ContactName = Text(contact?.Element(Ram + "PersonName")),
            ContactEmail = Text(contact?.Element(Ram + "EmailURIUniversalCommunication")?.Element(Ram + "URIID")),
            ContactPhone = Text(contact?.Element(Ram + "TelephoneUniversalCommunication")?.Element(Ram + "CompleteNumber")),
        };
    }

    private static PaymentInstructions? ReadPayment(XElement? settlement)
    {
        var means = settlement?.Element(Ram + "SpecifiedTradeSettlementPaymentMeans");
        var reference = Text(settlement?.Element(Ram + "PaymentReference"));
        if (means is null && reference is null)
        {
            return null;
        }

        return new PaymentInstructions
        {
            MeansCode = Text(means?.Element(Ram + "TypeCode")) ?? string.Empty,
            Iban = Text(means?.Element(Ram + "PayeePartyCreditorFinancialAccount")?.Element(Ram + "IBANID")),
            AccountName = Text(means?.Element(Ram + "PayeePartyCreditorFinancialAccount")?.Element(Ram + "AccountName")),
            Bic = Text(means?.Element(Ram + "PayeeSpecifiedCreditorFinancialInstitution")?.Element(Ram + "BICID")),
            RemittanceReference = reference,
        };
    }

    private static CiiLine ReadLine(XElement line)
    {
        var product = line.Element(Ram + "SpecifiedTradeProduct");
        var netPrice = line.Element(Ram + "SpecifiedLineTradeAgreement")?.Element(Ram + "NetPriceProductTradePrice");
        var quantity = line.Element(Ram + "SpecifiedLineTradeDelivery")?.Element(Ram + "BilledQuantity");
        var settlement = line.Element(Ram + "SpecifiedLineTradeSettlement");
        var tax = settlement?.Element(Ram + "ApplicableTradeTax");
        return new CiiLine(
            Text(line.Element(Ram + "AssociatedDocumentLineDocument")?.Element(Ram + "LineID")) ?? string.Empty,
            Text(product?.Element(Ram + "Name")) ?? string.Empty,
            Text(product?.Element(Ram + "Description")),
            Amount(quantity),
            (string?)quantity?.Attribute("unitCode"),
            Amount(netPrice?.Element(Ram + "ChargeAmount")),
            Amount(netPrice?.Element(Ram + "BasisQuantity")),
            Amount(settlement?.Element(Ram + "SpecifiedTradeSettlementLineMonetarySummation")?.Element(Ram + "LineTotalAmount")),
            Text(tax?.Element(Ram + "CategoryCode")),
            Amount(tax?.Element(Ram + "RateApplicablePercent")),
            LineAllowanceCharges(settlement, charge: false),
            LineAllowanceCharges(settlement, charge: true));
    }

    private static decimal LineAllowanceCharges(XElement? settlement, bool charge) =>
        settlement?.Elements(Ram + "SpecifiedTradeAllowanceCharge")
            .Where(a => string.Equals(Text(a.Element(Ram + "ChargeIndicator")?.Element(Udt + "Indicator")), charge ? "true" : "false", StringComparison.OrdinalIgnoreCase))
            .Sum(a => Amount(a.Element(Ram + "ActualAmount")) ?? 0m) ?? 0m;

    private static CiiVatRow ReadVat(XElement tax) => new(
        Text(tax.Element(Ram + "CategoryCode")),
        Amount(tax.Element(Ram + "RateApplicablePercent")),
        Amount(tax.Element(Ram + "BasisAmount")),
        Amount(tax.Element(Ram + "CalculatedAmount")),
        Text(tax.Element(Ram + "ExemptionReason")),
        Text(tax.Element(Ram + "ExemptionReasonCode")));

    private static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static decimal? Amount(XElement? element) =>
        Text(element) is { } text && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? Date(XElement? element)
    {
        var text = Text(element);
        if (text is null)
        {
            return null;
        }

        var format = (string?)element!.Attribute("format") ?? "102";
        return format == "102" && DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

}
