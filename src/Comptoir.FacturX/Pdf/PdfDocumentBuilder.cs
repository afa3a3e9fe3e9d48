using System.Globalization;
using System.Text;
using Comptoir.FacturX.Fonts;

namespace Comptoir.FacturX.Pdf;

/// <summary>
/// Assembles a PDF/A-3b document: pages drawn on <see cref="PageCanvas"/>es, embedded subset fonts, an sRGB
/// OutputIntent, XMP metadata matching the Info dictionary, and associated files referenced from the catalog /AF.
/// </summary>
public sealed class PdfDocumentBuilder
{
    /// <summary>A4 portrait in points.</summary>
    public const double A4Width = 595.28;

    public const double A4Height = 841.89;

    private readonly List<PageCanvas> _pages = [];
    private readonly List<PdfFont> _fonts = [];
    private readonly List<PdfAttachment> _attachments = [];

    /// <summary>Registers a font for this document.</summary>
    public PdfFont AddFont(TrueTypeFont font)
    {
        var pdfFont = new PdfFont("F" + (_fonts.Count + 1).ToString(CultureInfo.InvariantCulture), font);
        _fonts.Add(pdfFont);
        return pdfFont;
    }

    public PageCanvas AddPage(double width = A4Width, double height = A4Height)
    {
        var page = new PageCanvas(width, height);
        _pages.Add(page);
        return page;
    }

    public IReadOnlyList<PageCanvas> Pages => _pages;

    public void Attach(PdfAttachment attachment) => _attachments.Add(attachment ?? throw new ArgumentNullException(nameof(attachment)));

    /// <summary>Writes the document. Same pages, fonts, attachments and info give the same bytes.</summary>
    public byte[] Build(PdfDocumentInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (_pages.Count == 0)
        {
            throw new InvalidOperationException("A PDF needs at least one page.");
        }

        var pdf = new PdfObjectWriter(32 * 1024);
        int catalogId = pdf.Reserve(), pagesId = pdf.Reserve(), infoId = pdf.Reserve(), metadataId = pdf.Reserve(), intentId = pdf.Reserve(), iccId = pdf.Reserve();
        var fontIds = _fonts.ToDictionary(f => f, _ => pdf.Reserve());
        var pageIds = new List<int>(_pages.Count);

        foreach (var page in _pages)
        {
            int pageId = pdf.Reserve(), contentId = pdf.Reserve();
            pageIds.Add(pageId);
            var fontResources = string.Join(' ', page.Fonts.OrderBy(f => f.ResourceName, StringComparer.Ordinal).Select(f => $"/{f.ResourceName} {fontIds[f]} 0 R"));
            pdf.WriteObject(pageId, string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent {pagesId} 0 R /MediaBox [0 0 {PdfText.Number(page.Width)} {PdfText.Number(page.Height)}] /Resources << /Font << {fontResources} >> >> /Contents {contentId} 0 R >>"));
            pdf.WriteStream(contentId, string.Empty, Encoding.ASCII.GetBytes(page.Content));
        }

        pdf.WriteObject(pagesId, string.Create(CultureInfo.InvariantCulture, $"<< /Type /Pages /Kids [{string.Join(' ', pageIds.Select(id => $"{id} 0 R"))}] /Count {pageIds.Count} >>"));

        foreach (var (font, id) in fontIds)
        {
            CidFontObjects.Write(pdf, id, font.Subset);
        }

        var fileSpecs = _attachments.Select(a => WriteAttachment(pdf, a, info.Created)).ToList();

        var xmp = XmpMetadata.Build(new XmpFacts(info.Title, info.Author, info.Subject, info.Producer, info.CreatorTool, info.Created, info.FacturXConformanceLevel));
        pdf.WriteStream(metadataId, "/Type /Metadata /Subtype /XML", xmp, compress: false);
        pdf.WriteStream(iccId, "/N 3 /Alternate /DeviceRGB", SrgbIccProfile.Bytes, recurring: true);
        pdf.WriteObject(intentId, $"<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile {iccId} 0 R >>");

        var date = PdfText.Date(info.Created);
        pdf.WriteObject(infoId, $"<< /Title {PdfText.TextString(info.Title)} /Author {PdfText.TextString(info.Author)} /Subject {PdfText.TextString(info.Subject)} /Producer {PdfText.TextString(info.Producer)} /Creator {PdfText.TextString(info.CreatorTool)} /CreationDate {PdfText.Literal(date)} /ModDate {PdfText.Literal(date)} >>");

        var catalog = new StringBuilder(256);
        catalog.Append(CultureInfo.InvariantCulture, $"<< /Type /Catalog /Pages {pagesId} 0 R /Metadata {metadataId} 0 R /OutputIntents [{intentId} 0 R] /Lang {PdfText.Literal(info.Language)} /ViewerPreferences << /DisplayDocTitle true >>");
        if (fileSpecs.Count > 0)
        {
            var names = string.Join(' ', _attachments.Zip(fileSpecs).OrderBy(p => p.First.FileName, StringComparer.Ordinal).Select(p => $"{PdfText.Literal(p.First.FileName)} {p.Second} 0 R"));
            catalog.Append(CultureInfo.InvariantCulture, $" /Names << /EmbeddedFiles << /Names [{names}] >> >> /AF [{string.Join(' ', fileSpecs.Select(id => $"{id} 0 R"))}] /PageMode /UseAttachments");
        }

        catalog.Append(" >>");
        pdf.WriteObject(catalogId, catalog.ToString());
        return pdf.Finish(catalogId, infoId);
    }

    private static int WriteAttachment(PdfObjectWriter pdf, PdfAttachment attachment, DateTimeOffset modified)
    {
        int fileId = pdf.Reserve(), specId = pdf.Reserve();
        var subtype = "/" + attachment.MimeType.Replace("/", "#2F", StringComparison.Ordinal);
        var date = PdfText.Literal(PdfText.Date(modified));
        pdf.WriteStream(fileId, string.Create(CultureInfo.InvariantCulture, $"/Type /EmbeddedFile /Subtype {subtype} /Params << /ModDate {date} /CreationDate {date} /Size {attachment.Content.Length} >>"), attachment.Content);
        var name = PdfText.Literal(attachment.FileName);
        pdf.WriteObject(specId, $"<< /Type /Filespec /F {name} /UF {PdfText.PlainWhenAscii(attachment.FileName)} /Desc {PdfText.TextString(attachment.Description)} /AFRelationship /{attachment.Relationship} /EF << /F {fileId} 0 R /UF {fileId} 0 R >> >>");
        return specId;
    }
}
