using System.Text;
using Comptoir.FacturX.Inspection;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests;

/// <summary>The reader on every official sample and on our own output.</summary>
public sealed class ReaderTests
{
    public static TheoryData<string> OfficialPdfs()
    {
        var data = new TheoryData<string>();
        if (ConformanceDirectory.Path is null)
        {
            data.Add("(conformance folder missing)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(ConformanceDirectory.Facturx(), "*.pdf", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith("_validation_report.pdf", StringComparison.Ordinal) && !f.Contains("veraPDF", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}attachments{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) // plain PDFs the samples carry
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(ConformanceDirectory.Facturx(), file));
        }

        return data;
    }

    public static TheoryData<string> OfficialXmls()
    {
        var data = new TheoryData<string>();
        if (ConformanceDirectory.Path is null)
        {
            data.Add("(conformance folder missing)");
            return data;
        }

        var roots = new[] { "facturx-1.08/examples", "en16931-cii-1.3.16/cii/examples", "samples" };
        foreach (var file in roots.SelectMany(r => Directory.EnumerateFiles(ConformanceDirectory.Facturx(r), "*.xml", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(ConformanceDirectory.Facturx(), file));
        }

        return data;
    }

    [ConformanceTheory]
    [MemberData(nameof(OfficialPdfs))]
    public void Extracts_and_parses_the_XML_of_every_official_pdf(string relative)
    {
        var pdf = File.ReadAllBytes(ConformanceDirectory.Facturx(relative));

        var attachment = PdfAttachments.FindInvoiceXml(pdf);

        Assert.NotNull(attachment);
        Assert.Contains(attachment.Name, PdfAttachments.InvoiceXmlNames, StringComparer.OrdinalIgnoreCase);
        var invoice = CiiReader.Read(attachment.Content);
        Assert.False(string.IsNullOrEmpty(invoice.Number));
        Assert.False(string.IsNullOrEmpty(invoice.Seller.Name));
        Assert.NotNull(invoice.Totals.DuePayable ?? invoice.Totals.GrandTotal);

        // Where the sample ships its XML beside the PDF, the extracted bytes are that file.
        var sibling = Path.Combine(Path.GetDirectoryName(ConformanceDirectory.Facturx(relative))!, Path.GetFileName(relative).Replace("_fx.pdf", ".xml", StringComparison.Ordinal));
        if (relative.EndsWith("_fx.pdf", StringComparison.Ordinal) && File.Exists(sibling))
        {
            Assert.Equal(CiiReader.Read(File.ReadAllBytes(sibling)).Number, invoice.Number);
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(OfficialPdfs))]
    public void The_inspector_passes_every_valid_official_pdf(string relative)
    {
        if (Path.GetFileName(relative).StartsWith("invalid", StringComparison.Ordinal) || relative.Contains("XMLinvalid", StringComparison.Ordinal))
        {
            return;
        }

        var report = FacturXInspector.Inspect(File.ReadAllBytes(ConformanceDirectory.Facturx(relative)));

        Assert.True(report.IsValid, string.Join("\n", report.Findings));
    }

    [ConformanceTheory]
    [MemberData(nameof(OfficialXmls))]
    public void Parses_every_official_CII_sample(string relative)
    {
        var bytes = File.ReadAllBytes(ConformanceDirectory.Facturx(relative));
        if (!Encoding.UTF8.GetString(bytes).Contains("CrossIndustryInvoice", StringComparison.Ordinal))
        {
            Assert.Throws<InvalidDataException>(() => CiiReader.Read(bytes));
            return;
        }

        var invoice = CiiReader.Read(bytes);

        Assert.False(string.IsNullOrEmpty(invoice.Number));
        Assert.False(string.IsNullOrEmpty(invoice.TypeCode));
        if (!Path.GetFileName(relative).StartsWith("invalid", StringComparison.Ordinal))
        {
            Assert.NotEqual("UNKNOWN", invoice.Profile);
        }
    }

    [ConformanceFact]
    public void Reads_parties_totals_vat_and_iban_of_the_official_EN16931_sample()
    {
        var invoice = CiiReader.Read(File.ReadAllBytes(ConformanceDirectory.Facturx("facturx-1.08", "examples", "3. EN16931", "EN16931_Einfach", "EN16931_Einfach.xml")));

        Assert.Equal("EN 16931", invoice.Profile);
        Assert.Equal("380", invoice.TypeCode);
        Assert.Equal("Lieferant GmbH", invoice.Seller.Name);
        Assert.Equal("DE123456789", invoice.Seller.VatNumber);
        Assert.NotNull(invoice.Buyer);
        Assert.Equal(529.87m, invoice.Totals.GrandTotal);
        Assert.Equal(473.00m, invoice.Totals.TaxBasis);
        Assert.Equal(56.87m, invoice.Totals.TaxTotal);
        Assert.Equal(2, invoice.VatBreakdown.Count);
        Assert.Equal(2, invoice.Lines.Count);
        Assert.Equal(new DateOnly(2018, 3, 5), invoice.IssueDate);
        Assert.Equal("Kunden AG Mitte", invoice.Buyer.Name);
    }

    [ConformanceFact]
    public void The_inspector_finds_the_known_defects_of_the_invalid_mustang_samples()
    {
        var noIntent = FacturXInspector.Inspect(File.ReadAllBytes(ConformanceDirectory.Facturx("samples", "mustang", "invalidPDF.pdf")));
        Assert.Contains(noIntent.Findings, f => f.Rule == "PDFA-OUTPUTINTENT");

        var badXmp = FacturXInspector.Inspect(File.ReadAllBytes(ConformanceDirectory.Facturx("samples", "mustang", "invalidXMP.pdf")));
        Assert.Contains(badXmp.Findings, f => f.Rule is "FX-LEVEL" or "PDFA-EXTENSION");

        var arithmetic = CiiReader.Read(File.ReadAllBytes(ConformanceDirectory.Facturx("samples", "mustang", "invalidArithmetics.xml")));
        var findings = new List<Finding>();
        InvoiceArithmetic.Check(arithmetic, findings);
        Assert.Contains(findings, f => f.Rule == "LINE-NET" && f.Message.StartsWith("Line 1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Round_trips_our_own_invoice_through_pdf_and_xml()
    {
        var corpusCase = InvoiceCorpus.Get("mixed-rates");
        var result = new FacturXGenerator(FixedClock.Default).Generate(corpusCase.Invoice);
        var totals = corpusCase.Invoice.ComputeTotals();

        var attachment = PdfAttachments.FindInvoiceXml(result.Pdf)!;
        var invoice = CiiReader.Read(attachment.Content);

        Assert.Equal("factur-x.xml", attachment.Name);
        Assert.Equal("Alternative", attachment.Relationship);
        Assert.True(attachment.InCatalogAf);
        Assert.Equal(result.Xml, attachment.Content);
        Assert.Equal("F-2026-000005", invoice.Number);
        Assert.Equal("M1", invoice.BusinessProcess);
        Assert.Equal("732829320", invoice.Seller.LegalId);
        Assert.Equal("0225", invoice.Seller.ElectronicAddress?.Scheme);
        Assert.Equal("FR7616958000014527181398763", invoice.Payment?.Iban);
        Assert.Equal(totals.GrandTotal, invoice.Totals.GrandTotal);
        Assert.Equal(totals.VatBreakdown.Count, invoice.VatBreakdown.Count);
        Assert.Equal(4, invoice.Lines.Count);
        Assert.Contains(invoice.Notes, n => n.SubjectCode == "PMT");
        Assert.True(FacturXInspector.Inspect(result.Pdf).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a pdf at all")]
    [InlineData("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")]
    [InlineData("%PDF-1.7\n1 0 obj << /Type /Catalog /Names << /EmbeddedFiles << /Names [(factur-x.xml) 2 0 R] >> >> >> endobj\n2 0 obj << /EF << /F 3 0 R >> >> endobj\n3 0 obj << /Length 99999 /Filter /FlateDecode >> stream\ngarbage\nendstream endobj\ntrailer << /Root 1 0 R >>")]
    [InlineData("%PDF-1.7\n1 0 obj [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ endobj")]
    public void Hostile_or_broken_files_give_a_clear_error_or_nothing(string content)
    {
        var bytes = Encoding.Latin1.GetBytes(content);
        try
        {
            Assert.Null(PdfAttachments.FindInvoiceXml(bytes));
        }
        catch (InvalidDataException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    [Fact]
    public void Xml_with_a_DTD_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"u8.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => CiiReader.Read(xml));
        Assert.Contains("not well-formed", error.Message, StringComparison.Ordinal);
    }
}
