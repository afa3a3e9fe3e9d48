using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Layout;
using Comptoir.FacturX.Model;
using Comptoir.FacturX.Pdf;
using Comptoir.FacturX.Validation;

namespace Comptoir.FacturX;

/// <summary>The result of rendering one invoice.</summary>
/// <param name="Pdf">The PDF bytes (PDF/A-3b).</param>
/// <param name="Xml">The embedded CII XML, or null for a draft.</param>
/// <param name="PageCount">Number of pages.</param>
public sealed record FacturXResult(byte[] Pdf, byte[]? Xml, int PageCount);

/// <summary>
/// Renders invoices: a finalized invoice becomes a Factur-X EN 16931 file (PDF/A-3b with factur-x.xml embedded as
/// its Alternative representation); a draft becomes a PDF marked DRAFT, without XML. The clock stamps the file, so
/// the same invoice and the same instant give the same bytes.
/// </summary>
public sealed class FacturXGenerator(TimeProvider clock)
{
    /// <summary>Name of the embedded XML as Factur-X requires it.</summary>
    public const string XmlFileName = "factur-x.xml";

    /// <summary>fx:ConformanceLevel written in the XMP.</summary>
    public const string ConformanceLevel = "EN 16931";

    public FacturXGenerator()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Renders the invoice. Drafts (no number, or <see cref="InvoiceLayoutOptions.Draft"/>) carry no XML.</summary>
    /// <exception cref="InvoiceRuleException">A finalized invoice would break a fatal rule (<see cref="RefuseIfNonCompliant"/>).</exception>
    public FacturXResult Generate(InvoiceDocument invoice, InvoiceLayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        options ??= new InvoiceLayoutOptions();
        var draft = options.Draft || string.IsNullOrWhiteSpace(invoice.Number);
        options = options with { Draft = draft };

        var totals = invoice.ComputeTotals();
        var now = clock.GetUtcNow();
        var created = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);

        byte[]? xml = null;
        if (!draft)
        {
            using var buffer = new MemoryStream(16 * 1024);
            CiiWriter.Write(invoice, totals, buffer);
            xml = buffer.ToArray();
            // A file that breaks a fatal rule is refused rather than written.
            RefuseIfNonCompliant(xml);
        }

        var pdf = new PdfDocumentBuilder();
        new InvoiceLayout(pdf, invoice, totals, options).Draw();
        if (xml is not null)
        {
            pdf.Attach(new PdfAttachment(XmlFileName, "text/xml", "Alternative", "Factur-X invoice (EN 16931)", xml));
        }

        var kind = invoice.Kind == DocumentKind.CreditNote ? "Credit note" : "Invoice";
        var title = draft ? $"{kind} draft" : $"{kind} {invoice.Number}";
        var info = new PdfDocumentInfo
        {
            Title = title,
            Author = invoice.Seller.Name,
            Subject = $"{title} — {invoice.Buyer.Name}",
            Created = created,
            Language = options.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr-FR",
            FacturXConformanceLevel = draft ? null : ConformanceLevel,
        };
        return new FacturXResult(pdf.Build(info), xml, pdf.Pages.Count);
    }

    /// <summary>
    /// Runs the native validator on the XML about to be embedded (drafts carry none): EN 16931, the Factur-X EN 16931
    /// profile's rules, and for a French seller the French CTC rules (<see cref="InvoiceValidator.FatalFindingsForIssue"/>).
    /// </summary>
    /// <exception cref="InvoiceRuleException">The XML breaks a fatal rule.</exception>
    public static void RefuseIfNonCompliant(byte[] xml)
    {
        var fatal = InvoiceValidator.FatalFindingsForIssue(Reading.SecureXml.Load(xml));
        if (fatal.Count > 0)
        {
            throw new InvoiceRuleException(fatal);
        }
    }
}
