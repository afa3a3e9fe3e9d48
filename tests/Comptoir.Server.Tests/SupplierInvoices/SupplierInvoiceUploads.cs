using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>Multipart bodies for POST /v2/supplier_invoices/bulk and small e-invoices to put in them.</summary>
public static class SupplierInvoiceUploads
{
    /// <summary>A part of the form: a file (bytes and name) or a text field.</summary>
    public sealed record Part(string Name, byte[]? File = null, string? FileName = null, string? Value = null)
    {
        public static Part FileOf(string name, byte[] content, string fileName = "invoice.pdf") => new(name, content, fileName);

        public static Part Field(string name, string value) => new(name, Value: value);
    }

    public static MultipartFormDataContent Form(IEnumerable<Part> parts)
    {
        var form = new MultipartFormDataContent();
        foreach (var part in parts)
        {
            if (part.File is not null)
            {
                var file = new ByteArrayContent(part.File);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(file, part.Name, part.FileName ?? "file");
            }
            else
            {
                form.Add(new StringContent(part.Value ?? string.Empty), part.Name);
            }
        }

        return form;
    }

    /// <summary>One invoice in the [] spelling: its file then its key.</summary>
    public static IEnumerable<Part> Item(byte[] content, string key, string fileName = "invoice.pdf") =>
        [Part.FileOf("supplier_invoices[][file]", content, fileName), Part.Field("supplier_invoices[][idempotency_key]", key)];

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, IEnumerable<Part> parts, string? requestKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/supplier_invoices/bulk") { Content = Form(parts) };
        if (requestKey is not null)
        {
            request.Headers.Add("X-Qonto-Idempotency-Key", requestKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>A small PDF with a text layer and no embedded XML.</summary>
    public static byte[] PlainPdf(string text = "Facture") => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    /// <summary>
    /// A UBL 2.1 invoice (or credit note) with one 20 % VAT row; <paramref name="grandTotal"/> may contradict the
    /// figures to make a discrepancy, and a null <paramref name="supplier"/> leaves out the seller's name (BR-06).
    /// </summary>
    public static byte[] Ubl(string number, string? supplier = "Fournitures Durand SARL", string vat = "FR32123456789", decimal net = 100m, decimal? grandTotal = null, string dueDate = "2026-04-30", bool creditNote = false, string iban = "FR7630006000011234567890189")
    {
        var tax = Math.Round(net * 0.2m, 2);
        var total = grandTotal ?? net + tax;
        var root = creditNote ? "CreditNote" : "Invoice";
        var ns = creditNote ? "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" : "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
        var typeCode = creditNote ? "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>" : "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>";
        var due = creditNote ? string.Empty : $"<cbc:DueDate>{dueDate}</cbc:DueDate>";
        var line = creditNote ? "CreditNoteLine" : "InvoiceLine";
        var quantity = creditNote ? "CreditedQuantity" : "InvoicedQuantity";
        string A(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <{root} xmlns="{ns}" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
              <cbc:ID>{number}</cbc:ID>
              <cbc:IssueDate>2026-03-01</cbc:IssueDate>
              {due}
              {typeCode}
              <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
              <cac:AccountingSupplierParty><cac:Party>
                <cac:PostalAddress><cbc:CityName>Lyon</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
                <cac:PartyTaxScheme><cbc:CompanyID>{vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
                <cac:PartyLegalEntity>{(supplier is null ? string.Empty : $"<cbc:RegistrationName>{supplier}</cbc:RegistrationName>")}<cbc:CompanyID schemeID="0002">123456789</cbc:CompanyID></cac:PartyLegalEntity>
              </cac:Party></cac:AccountingSupplierParty>
              <cac:AccountingCustomerParty><cac:Party>
                <cac:PostalAddress><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
                <cac:PartyLegalEntity><cbc:RegistrationName>Démo SAS</cbc:RegistrationName></cac:PartyLegalEntity>
              </cac:Party></cac:AccountingCustomerParty>
              <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>{iban}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
              <cac:TaxTotal>
                <cbc:TaxAmount currencyID="EUR">{A(tax)}</cbc:TaxAmount>
                <cac:TaxSubtotal>
                  <cbc:TaxableAmount currencyID="EUR">{A(net)}</cbc:TaxableAmount>
                  <cbc:TaxAmount currencyID="EUR">{A(tax)}</cbc:TaxAmount>
                  <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
                </cac:TaxSubtotal>
              </cac:TaxTotal>
              <cac:LegalMonetaryTotal>
                <cbc:LineExtensionAmount currencyID="EUR">{A(net)}</cbc:LineExtensionAmount>
                <cbc:TaxExclusiveAmount currencyID="EUR">{A(net)}</cbc:TaxExclusiveAmount>
                <cbc:TaxInclusiveAmount currencyID="EUR">{A(total)}</cbc:TaxInclusiveAmount>
                <cbc:PayableAmount currencyID="EUR">{A(total)}</cbc:PayableAmount>
              </cac:LegalMonetaryTotal>
              <cac:{line}>
                <cbc:ID>1</cbc:ID>
                <cbc:{quantity} unitCode="C62">1</cbc:{quantity}>
                <cbc:LineExtensionAmount currencyID="EUR">{A(net)}</cbc:LineExtensionAmount>
                <cac:Item><cbc:Name>Papeterie</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
                <cac:Price><cbc:PriceAmount currencyID="EUR">{A(net)}</cbc:PriceAmount></cac:Price>
              </cac:{line}>
            </{root}>
            """;
        return Encoding.UTF8.GetBytes(xml);
    }

    /// <summary>
    /// A CII invoice (EN 16931 profile unless <paramref name="guideline"/> says another) with one 20 % VAT row;
    /// <paramref name="grandTotal"/> may contradict the figures, and a null <paramref name="supplier"/> leaves out the
    /// seller's name (BR-06).
    /// </summary>
    public static byte[] Cii(string number, string? supplier = "Fournitures Durand SARL", decimal? grandTotal = null, string guideline = "urn:cen.eu:en16931:2017")
    {
        const decimal net = 100m;
        const decimal tax = 20m;
        var total = grandTotal ?? net + tax;
        string A(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        var name = supplier is null ? string.Empty : $"<ram:Name>{supplier}</ram:Name>";
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
              <rsm:ExchangedDocumentContext>
                <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>{guideline}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
              </rsm:ExchangedDocumentContext>
              <rsm:ExchangedDocument>
                <ram:ID>{number}</ram:ID>
                <ram:TypeCode>380</ram:TypeCode>
                <ram:IssueDateTime><udt:DateTimeString format="102">20260301</udt:DateTimeString></ram:IssueDateTime>
              </rsm:ExchangedDocument>
              <rsm:SupplyChainTradeTransaction>
                <ram:IncludedSupplyChainTradeLineItem>
                  <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
                  <ram:SpecifiedTradeProduct><ram:Name>Papeterie</ram:Name></ram:SpecifiedTradeProduct>
                  <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{A(net)}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
                  <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
                  <ram:SpecifiedLineTradeSettlement>
                    <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>
                    <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{A(net)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
                  </ram:SpecifiedLineTradeSettlement>
                </ram:IncludedSupplyChainTradeLineItem>
                <ram:ApplicableHeaderTradeAgreement>
                  <ram:SellerTradeParty>
                    {name}
                    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">123456789</ram:ID></ram:SpecifiedLegalOrganization>
                    <ram:PostalTradeAddress><ram:CityName>Lyon</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
                    <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR32123456789</ram:ID></ram:SpecifiedTaxRegistration>
                  </ram:SellerTradeParty>
                  <ram:BuyerTradeParty>
                    <ram:Name>Démo SAS</ram:Name>
                    <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
                  </ram:BuyerTradeParty>
                </ram:ApplicableHeaderTradeAgreement>
                <ram:ApplicableHeaderTradeDelivery/>
                <ram:ApplicableHeaderTradeSettlement>
                  <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
                  <ram:SpecifiedTradeSettlementPaymentMeans>
                    <ram:TypeCode>58</ram:TypeCode>
                    <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>FR7630006000011234567890189</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>
                  </ram:SpecifiedTradeSettlementPaymentMeans>
                  <ram:ApplicableTradeTax>
                    <ram:CalculatedAmount>{A(tax)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{A(net)}</ram:BasisAmount>
                    <ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent>
                  </ram:ApplicableTradeTax>
                  <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20260430</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
                  <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                    <ram:LineTotalAmount>{A(net)}</ram:LineTotalAmount>
                    <ram:TaxBasisTotalAmount>{A(net)}</ram:TaxBasisTotalAmount>
                    <ram:TaxTotalAmount currencyID="EUR">{A(tax)}</ram:TaxTotalAmount>
                    <ram:GrandTotalAmount>{A(total)}</ram:GrandTotalAmount>
                    <ram:DuePayableAmount>{A(total)}</ram:DuePayableAmount>
                  </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                </ram:ApplicableHeaderTradeSettlement>
              </rsm:SupplyChainTradeTransaction>
            </rsm:CrossIndustryInvoice>
            """;
        return Encoding.UTF8.GetBytes(xml);
    }
}
