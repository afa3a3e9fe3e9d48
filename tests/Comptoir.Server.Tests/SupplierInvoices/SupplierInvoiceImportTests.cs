using System.Globalization;
using System.Xml;
using System.Xml.XPath;
using Comptoir.Server.SupplierInvoices;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>
/// Every official sample (CII and Factur-X PDFs of every profile, EN 16931 UBL invoices and the credit note) goes
/// through the analysis, and every field it extracts equals the value the sample's XML states, found here
/// independently with XPath (for a PDF, in the XML published beside it).
/// </summary>
public sealed class SupplierInvoiceImportTests
{
    private static readonly string[] Roots = ["facturx-1.08/examples", "en16931-cii-1.3.16/cii/examples", "en16931-ubl-1.3.16/examples"];

    public static TheoryData<string> OfficialSamples()
    {
        var data = new TheoryData<string>();
        if (ConformanceSamples.Facturx is null)
        {
            data.Add("(samples missing)");
            return data;
        }

        foreach (var file in Roots.SelectMany(r => Directory.EnumerateFiles(Path.Combine(ConformanceSamples.Facturx, r), "*", SearchOption.AllDirectories))
                     .Where(f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || f.EndsWith("_fx.pdf", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}attachments{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(ConformanceSamples.Facturx, file));
        }

        return data;
    }

    [ConformanceSamplesTheory]
    [MemberData(nameof(OfficialSamples))]
    public void Every_field_equals_the_samples_XML(string relative)
    {
        var path = Path.Combine(ConformanceSamples.Facturx!, relative);
        var pdf = relative.EndsWith(".pdf", StringComparison.Ordinal);
        var xmlPath = pdf ? path.Replace("_fx.pdf", ".xml", StringComparison.Ordinal) : path;
        var expected = new XPathDocument(xmlPath).CreateNavigator();
        var ubl = expected.SelectSingleNode("/*")!.NamespaceURI.StartsWith("urn:oasis:names:specification:ubl", StringComparison.Ordinal);

        var found = SupplierInvoiceAnalysis.Extract(File.ReadAllBytes(path));

        Assert.True(found.IsEinvoice);
        Assert.Equal(pdf ? "factur_x" : ubl ? "ubl" : "cii", found.EInvoiceType);
        var fields = ubl ? Ubl(expected) : Cii(expected);
        Assert.Equal(fields.Number, found.InvoiceNumber);
        Assert.Equal(fields.Supplier, found.SupplierName);
        Assert.Equal(fields.Vat, found.VatNumber);
        Assert.Equal(fields.Tin, found.Tin);
        Assert.Equal(fields.Currency, found.Currency);
        Assert.Equal(Cents(fields.GrandTotal), found.TotalAmountCents);
        Assert.Equal(Cents(fields.TaxBasis), found.TotalAmountExcludingTaxesCents);
        Assert.Equal(Cents(fields.TaxTotal), found.TotalTaxAmountCents);
        Assert.Equal(Cents(fields.DuePayable), found.PayableAmountCents);
        Assert.Equal(fields.IssueDate, found.IssueDate);
        Assert.Equal(fields.DueDate, found.DueDate);
        Assert.Equal(fields.Iban?.Replace(" ", string.Empty, StringComparison.Ordinal), found.Iban);
        Assert.Equal(fields.CreditNote, found.IsCreditNote);
        Assert.Equal(fields.Taxes.Select(t => (decimal.Parse(t.Rate, CultureInfo.InvariantCulture), Cents(t.Tax))), found.Taxes.Select(t => (t.RatePercent, (long?)t.TaxCents)));
        Assert.True(found.Discrepancies.Count == 0, string.Join("; ", found.Discrepancies));
    }

    private sealed record Expected(string? Number, string? Supplier, string? Vat, string? Tin, string? Currency, string? GrandTotal, string? TaxBasis, string? TaxTotal, string? DuePayable, DateOnly? IssueDate, DateOnly? DueDate, string? Iban, bool CreditNote, IReadOnlyList<(string Rate, string? Tax)> Taxes);

    private static readonly HashSet<string> CreditNoteCodes = ["81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"];

    private static Expected Cii(XPathNavigator doc)
    {
        var ns = Namespaces(doc, ("rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"), ("ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"), ("udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"));
        const string seller = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty";
        const string settlement = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement";
        const string sums = settlement + "/ram:SpecifiedTradeSettlementHeaderMonetarySummation";
        var currency = Text(doc, ns, settlement + "/ram:InvoiceCurrencyCode");
        return new Expected(
            Text(doc, ns, "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID"),
            Text(doc, ns, seller + "/ram:Name"),
            Text(doc, ns, seller + "/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']"),
            Text(doc, ns, seller + "/ram:SpecifiedLegalOrganization/ram:ID"),
            currency,
            Text(doc, ns, sums + "/ram:GrandTotalAmount"),
            Text(doc, ns, sums + "/ram:TaxBasisTotalAmount"),
            Text(doc, ns, $"{sums}/ram:TaxTotalAmount[@currencyID='{currency}']") ?? Text(doc, ns, sums + "/ram:TaxTotalAmount"),
            Text(doc, ns, sums + "/ram:DuePayableAmount"),
            Date(Text(doc, ns, "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString"), "yyyyMMdd"),
            Date(Text(doc, ns, $"({settlement}/ram:SpecifiedTradePaymentTerms)[1]/ram:DueDateDateTime/udt:DateTimeString"), "yyyyMMdd"),
            Text(doc, ns, $"({settlement}/ram:SpecifiedTradeSettlementPaymentMeans)[1]/ram:PayeePartyCreditorFinancialAccount/ram:IBANID"),
            CreditNoteCodes.Contains(Text(doc, ns, "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode") ?? string.Empty),
            Rows(doc, ns, settlement + "/ram:ApplicableTradeTax", "ram:RateApplicablePercent", "ram:CalculatedAmount"));
    }

    private static Expected Ubl(XPathNavigator doc)
    {
        var ns = Namespaces(doc, ("cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"), ("cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"));
        const string party = "/*/cac:AccountingSupplierParty/cac:Party";
        var currency = Text(doc, ns, "/*/cbc:DocumentCurrencyCode");
        var taxTotal = $"/*/cac:TaxTotal[cbc:TaxAmount/@currencyID='{currency}']";
        var creditNote = doc.SelectSingleNode("/*")!.LocalName == "CreditNote";
        return new Expected(
            Text(doc, ns, "/*/cbc:ID"),
            Text(doc, ns, party + "/cac:PartyLegalEntity/cbc:RegistrationName"),
            Text(doc, ns, party + "/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"),
            Text(doc, ns, party + "/cac:PartyLegalEntity/cbc:CompanyID"),
            currency,
            Text(doc, ns, "/*/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount"),
            Text(doc, ns, "/*/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount"),
            Text(doc, ns, taxTotal + "/cbc:TaxAmount"),
            Text(doc, ns, "/*/cac:LegalMonetaryTotal/cbc:PayableAmount"),
            Date(Text(doc, ns, "/*/cbc:IssueDate"), "yyyy-MM-dd"),
            Date(Text(doc, ns, "/*/cbc:DueDate") ?? Text(doc, ns, "(/*/cac:PaymentMeans/cbc:PaymentDueDate)[1]"), "yyyy-MM-dd"),
            Text(doc, ns, "(/*/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID)[1]"),
            creditNote || CreditNoteCodes.Contains(Text(doc, ns, "/*/cbc:InvoiceTypeCode") ?? string.Empty),
            Rows(doc, ns, taxTotal + "/cac:TaxSubtotal", "cac:TaxCategory/cbc:Percent", "cbc:TaxAmount"));
    }

    private static XmlNamespaceManager Namespaces(XPathNavigator doc, params (string Prefix, string Uri)[] namespaces)
    {
        var manager = new XmlNamespaceManager(doc.NameTable);
        foreach (var (prefix, uri) in namespaces)
        {
            manager.AddNamespace(prefix, uri);
        }

        return manager;
    }

    private static string? Text(XPathNavigator doc, XmlNamespaceManager ns, string xpath) =>
        doc.SelectSingleNode(xpath, ns)?.Value.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The rows that state a rate, in document order: (rate, tax).</summary>
    private static List<(string Rate, string? Tax)> Rows(XPathNavigator doc, XmlNamespaceManager ns, string xpath, string rate, string tax) =>
        doc.Select(xpath, ns).Cast<XPathNavigator>()
            .Select(row => (Rate: row.SelectSingleNode(rate, ns)?.Value.Trim(), Tax: row.SelectSingleNode(tax, ns)?.Value.Trim()))
            .Where(r => !string.IsNullOrEmpty(r.Rate) && !string.IsNullOrEmpty(r.Tax))
            .Select(r => (r.Rate!, (string?)r.Tax))
            .ToList();

    private static DateOnly? Date(string? text, string format) =>
        text is not null && DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static long? Cents(string? amount) =>
        amount is null ? null : (long)(decimal.Parse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 100m);
}
