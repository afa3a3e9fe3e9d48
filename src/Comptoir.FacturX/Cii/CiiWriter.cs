using System.Globalization;
using System.Text;
using System.Xml;
using Comptoir.Core.Invoicing;
using Comptoir.Core.Money;
using Comptoir.FacturX.Model;

namespace Comptoir.FacturX.Cii;

/// <summary>
/// Writes an <see cref="InvoiceDocument"/> as UN/CEFACT CII D16B in the Factur-X EN 16931 profile. Element order
/// follows the Factur-X 1.08 XSD; amounts come from <see cref="InvoiceCalculator"/>.
/// </summary>
public static class CiiWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
    };

    /// <summary>Serialises the invoice to UTF-8 XML bytes.</summary>
    /// <exception cref="InvalidOperationException">The invoice has no number (drafts carry no XML).</exception>
    public static byte[] Write(InvoiceDocument invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        using var buffer = new MemoryStream(16 * 1024);
        Write(invoice, invoice.ComputeTotals(), buffer);
        return buffer.ToArray();
    }

    /// <summary>Serialises the invoice with totals already computed.</summary>
    public static void Write(InvoiceDocument invoice, InvoiceTotals totals, Stream output)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(totals);
        if (string.IsNullOrWhiteSpace(invoice.Number))
        {
            throw new InvalidOperationException("A Factur-X invoice needs a number: only finalized invoices carry XML.");
        }

        using var xml = XmlWriter.Create(output, Settings);
        var w = new CiiElementWriter(xml);
        xml.WriteStartDocument();
        xml.WriteStartElement("rsm", "CrossIndustryInvoice", CiiNamespaces.Rsm);
        xml.WriteAttributeString("xmlns", "qdt", null, CiiNamespaces.Qdt);
        xml.WriteAttributeString("xmlns", "ram", null, CiiNamespaces.Ram);
        xml.WriteAttributeString("xmlns", "udt", null, CiiNamespaces.Udt);

        WriteContext(w, invoice);
        WriteHeader(w, invoice);

        xml.WriteStartElement("rsm", "SupplyChainTradeTransaction", CiiNamespaces.Rsm);
        for (var i = 0; i < invoice.Lines.Count; i++)
        {
            WriteLine(w, i + 1, invoice.Lines[i], totals.Lines[i]);
        }

        WriteAgreement(w, invoice);
        WriteDelivery(w, invoice);
        WriteSettlement(w, invoice, totals);
        xml.WriteEndElement();

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteContext(CiiElementWriter w, InvoiceDocument invoice)
    {
        w.Start("rsm", "ExchangedDocumentContext");
        if (!string.IsNullOrEmpty(invoice.BillingMode))
        {
            w.Start("BusinessProcessSpecifiedDocumentContextParameter");
            w.Text("ID", invoice.BillingMode);
            w.End();
        }

        w.Start("GuidelineSpecifiedDocumentContextParameter");
        w.Text("ID", CiiNamespaces.En16931Guideline);
        w.End();
        w.End();
    }

    private static void WriteHeader(CiiElementWriter w, InvoiceDocument invoice)
    {
        w.Start("rsm", "ExchangedDocument");
        w.Text("ID", invoice.Number!);
        w.Text("TypeCode", invoice.Kind == DocumentKind.CreditNote ? "381" : "380");
        w.Start("IssueDateTime");
        w.DateTimeString("udt", invoice.IssueDate);
        w.End();
        foreach (var note in invoice.Notes)
        {
            if (string.IsNullOrWhiteSpace(note.Text))
            {
                continue;
            }

            w.Start("IncludedNote");
            w.Text("Content", note.Text);
            w.OptionalText("SubjectCode", note.SubjectCode);
            w.End();
        }

        w.End();
    }

    private static void WriteLine(CiiElementWriter w, int lineNumber, InvoiceItem item, LineAmounts amounts)
    {
        w.Start("IncludedSupplyChainTradeLineItem");

        w.Start("AssociatedDocumentLineDocument");
        w.Text("LineID", lineNumber.ToString(CultureInfo.InvariantCulture));
        w.End();

        w.Start("SpecifiedTradeProduct");
        w.Text("Name", item.Title);
        w.OptionalText("Description", item.Description);
        w.End();

        // The discount is a line allowance (BG-27), so the net price stays the unit price before discount.
        w.Start("SpecifiedLineTradeAgreement");
        w.Start("NetPriceProductTradePrice");
        w.Text("ChargeAmount", Price(item.UnitPrice));
        w.End();
        w.End();

        w.Start("SpecifiedLineTradeDelivery");
        w.TextWithAttribute("BilledQuantity", Quantity(item.Quantity), "unitCode", UnitCodes.ToRec20(item.Unit));
        w.End();

        w.Start("SpecifiedLineTradeSettlement");
        w.Start("ApplicableTradeTax");
        w.Text("TypeCode", "VAT");
        w.Text("CategoryCode", item.VatCategory.ToCode());
        if (item.VatCategory != VatCategory.NotSubject)
        {
            // BR-O-05 / BR-O-10: "not subject to VAT" carries no rate at all.
            w.Text("RateApplicablePercent", Percent(item.VatRate));
        }

        w.End();

        if (item.Discount is { } discount && amounts.DiscountAmount != 0m)
        {
            w.Start("SpecifiedTradeAllowanceCharge");
            w.Start("ChargeIndicator");
            w.Text("udt", "Indicator", "false");
            w.End();
            if (discount.Kind == DiscountKind.Percentage)
            {
                w.Text("CalculationPercent", Percent(discount.Value));
                w.Text("BasisAmount", DecimalText.Amount(amounts.Gross));
            }

            w.Text("ActualAmount", DecimalText.Amount(amounts.DiscountAmount));
            w.Text("ReasonCode", "95");
            w.Text("Reason", "Remise");
            w.End();
        }

        w.Start("SpecifiedTradeSettlementLineMonetarySummation");
        w.Text("LineTotalAmount", DecimalText.Amount(amounts.Net));
        w.End();
        w.End();

        w.End();
    }

    private static void WriteAgreement(CiiElementWriter w, InvoiceDocument invoice)
    {
        w.Start("ApplicableHeaderTradeAgreement");
        w.OptionalText("BuyerReference", invoice.BuyerReference);
        WriteParty(w, "SellerTradeParty", invoice.Seller);
        WriteParty(w, "BuyerTradeParty", invoice.Buyer);
        if (!string.IsNullOrWhiteSpace(invoice.PurchaseOrderReference))
        {
            w.Start("BuyerOrderReferencedDocument");
            w.Text("IssuerAssignedID", invoice.PurchaseOrderReference);
            w.End();
        }

        w.End();
    }

    private static void WriteParty(CiiElementWriter w, string element, Party party)
    {
        w.Start(element);
        w.Text("Name", party.Name);
        if (!string.IsNullOrWhiteSpace(party.LegalId) || !string.IsNullOrWhiteSpace(party.TradingName))
        {
            w.Start("SpecifiedLegalOrganization");
            if (!string.IsNullOrWhiteSpace(party.LegalId))
            {
                w.TextWithAttribute("ID", party.LegalId, "schemeID", party.LegalIdScheme);
            }

            w.OptionalText("TradingBusinessName", party.TradingName);
            w.End();
        }

        if (!string.IsNullOrWhiteSpace(party.ContactName) || !string.IsNullOrWhiteSpace(party.ContactEmail) || !string.IsNullOrWhiteSpace(party.ContactPhone))
        {
            w.Start("DefinedTradeContact");
            w.OptionalText("PersonName", party.ContactName);
            if (!string.IsNullOrWhiteSpace(party.ContactPhone))
            {
                w.Start("TelephoneUniversalCommunication");
                w.Text("CompleteNumber", party.ContactPhone);
                w.End();
            }

            if (!string.IsNullOrWhiteSpace(party.ContactEmail))
            {
                w.Start("EmailURIUniversalCommunication");
                w.Text("URIID", party.ContactEmail);
                w.End();
            }

            w.End();
        }

        WriteAddress(w, "PostalTradeAddress", party.Address);

        if (party.ElectronicAddress is { } endpoint)
        {
            w.Start("URIUniversalCommunication");
            w.TextWithAttribute("URIID", endpoint.Value, "schemeID", endpoint.Scheme);
            w.End();
        }

        if (!string.IsNullOrWhiteSpace(party.VatNumber))
        {
            w.Start("SpecifiedTaxRegistration");
            w.TextWithAttribute("ID", party.VatNumber, "schemeID", "VA");
            w.End();
        }

        if (!string.IsNullOrWhiteSpace(party.TaxRegistrationId))
        {
            w.Start("SpecifiedTaxRegistration");
            w.TextWithAttribute("ID", party.TaxRegistrationId, "schemeID", "FC");
            w.End();
        }

        w.End();
    }

    private static void WriteAddress(CiiElementWriter w, string element, PostalAddress address)
    {
        w.Start(element);
        w.OptionalText("PostcodeCode", address.PostCode);
        w.OptionalText("LineOne", address.Line1);
        w.OptionalText("LineTwo", address.Line2);
        w.OptionalText("LineThree", address.Line3);
        w.OptionalText("CityName", address.City);
        w.Text("CountryID", address.CountryCode.ToUpperInvariant());
        w.OptionalText("CountrySubDivisionName", address.CountrySubdivision);
        w.End();
    }

    private static void WriteDelivery(CiiElementWriter w, InvoiceDocument invoice)
    {
        w.Start("ApplicableHeaderTradeDelivery");
        if (invoice.DeliverTo is { } deliverTo)
        {
            w.Start("ShipToTradeParty");
            WriteAddress(w, "PostalTradeAddress", deliverTo);
            w.End();
        }

        if (invoice.DeliveryDate is { } delivered)
        {
            w.Start("ActualDeliverySupplyChainEvent");
            w.Start("OccurrenceDateTime");
            w.DateTimeString("udt", delivered);
            w.End();
            w.End();
        }

        w.End();
    }

    private static void WriteSettlement(CiiElementWriter w, InvoiceDocument invoice, InvoiceTotals totals)
    {
        w.Start("ApplicableHeaderTradeSettlement");
        w.OptionalText("PaymentReference", invoice.Payment?.RemittanceReference);
        var vatInEuro = invoice.VatTotalInEuro(totals);
        if (vatInEuro is not null)
        {
            // BT-6: the VAT accounting currency of a French seller (BR-FR-CO-12).
            w.Text("TaxCurrencyCode", "EUR");
        }

        w.Text("InvoiceCurrencyCode", invoice.Currency);

        if (invoice.Payment is { } payment)
        {
            w.Start("SpecifiedTradeSettlementPaymentMeans");
            w.Text("TypeCode", payment.MeansCode);
            if (!string.IsNullOrWhiteSpace(payment.Iban))
            {
                w.Start("PayeePartyCreditorFinancialAccount");
                w.Text("IBANID", payment.Iban.Replace(" ", string.Empty, StringComparison.Ordinal));
                w.OptionalText("AccountName", payment.AccountName);
                w.End();
            }

            if (!string.IsNullOrWhiteSpace(payment.Bic))
            {
                w.Start("PayeeSpecifiedCreditorFinancialInstitution");
                w.Text("BICID", payment.Bic);
                w.End();
            }

            w.End();
        }

        foreach (var row in totals.VatBreakdown)
        {
            WriteTaxRow(w, invoice, row);
        }

        if (invoice.PeriodStart is not null || invoice.PeriodEnd is not null)
        {
            w.Start("BillingSpecifiedPeriod");
            if (invoice.PeriodStart is { } start)
            {
                w.Start("StartDateTime");
                w.DateTimeString("udt", start);
                w.End();
            }

            if (invoice.PeriodEnd is { } end)
            {
                w.Start("EndDateTime");
                w.DateTimeString("udt", end);
                w.End();
            }

            w.End();
        }

        if (!string.IsNullOrWhiteSpace(invoice.PaymentTerms) || invoice.DueDate is not null)
        {
            w.Start("SpecifiedTradePaymentTerms");
            w.OptionalText("Description", invoice.PaymentTerms);
            if (invoice.DueDate is { } due)
            {
                w.Start("DueDateDateTime");
                w.DateTimeString("udt", due);
                w.End();
            }

            w.End();
        }

        w.Start("SpecifiedTradeSettlementHeaderMonetarySummation");
        w.Text("LineTotalAmount", DecimalText.Amount(totals.LineTotal));
        w.Text("TaxBasisTotalAmount", DecimalText.Amount(totals.TaxBasis));
        w.TextWithAttribute("TaxTotalAmount", DecimalText.Amount(totals.TaxTotal), "currencyID", invoice.Currency);
        if (vatInEuro is { } euro)
        {
            w.TextWithAttribute("TaxTotalAmount", DecimalText.Amount(euro), "currencyID", "EUR");
        }
        w.Text("GrandTotalAmount", DecimalText.Amount(totals.GrandTotal));
        if (totals.Prepaid != 0m)
        {
            w.Text("TotalPrepaidAmount", DecimalText.Amount(totals.Prepaid));
        }

        w.Text("DuePayableAmount", DecimalText.Amount(totals.DuePayable));
        w.End();

        if (invoice.PrecedingInvoice is { } preceding)
        {
            w.Start("InvoiceReferencedDocument");
            w.Text("IssuerAssignedID", preceding.Number);
            if (preceding.IssueDate is { } issued)
            {
                w.Start("FormattedIssueDateTime");
                w.DateTimeString("qdt", issued);
                w.End();
            }

            w.End();
        }

        w.End();
    }

    private static void WriteTaxRow(CiiElementWriter w, InvoiceDocument invoice, VatBreakdownRow row)
    {
        var (reason, code) = row.Category.RequiresExemptionReason() ? VatBreakdownByReason.ReasonOf(invoice, row) : (null, null);
        w.Start("ApplicableTradeTax");
        w.Text("CalculatedAmount", DecimalText.Amount(row.TaxAmount));
        w.Text("TypeCode", "VAT");
        w.OptionalText("ExemptionReason", reason);
        w.Text("BasisAmount", DecimalText.Amount(row.TaxableAmount));
        w.Text("CategoryCode", row.Category.ToCode());
        w.OptionalText("ExemptionReasonCode", code);
        if (row.Category != VatCategory.NotSubject)
        {
            w.Text("RateApplicablePercent", Percent(row.Rate));
        }

        w.End();
    }

    /// <summary>A fraction as the percentage CII expects: 0.055 -> "5.50", 0.2 -> "20.00".</summary>
    internal static string Percent(decimal fraction) => DecimalText.AtLeast(fraction * 100m, 2);

    private static string Quantity(decimal quantity) => DecimalText.AtLeast(quantity, 2);

    private static string Price(decimal price) => DecimalText.AtLeast(price, 2);
}
