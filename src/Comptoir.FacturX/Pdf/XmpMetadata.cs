using System.Security;
using System.Text;

namespace Comptoir.FacturX.Pdf;

/// <summary>What the XMP packet states about the document.</summary>
internal sealed record XmpFacts(string Title, string Author, string Subject, string Producer, string CreatorTool, DateTimeOffset Created, string? FacturXConformanceLevel);

/// <summary>
/// Builds the XMP packet of a PDF/A-3b file: pdfaid part 3 / conformance B, Dublin Core, and for Factur-X files
/// the fx: properties with the PDF/A extension schema that declares them (without it a validator rejects fx:).
/// </summary>
internal static class XmpMetadata
{
    public const string FacturXNamespace = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

    public static byte[] Build(XmpFacts facts)
    {
        var date = PdfText.XmpDate(facts.Created);
        var x = new StringBuilder(4096);
        x.Append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
        x.Append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
        x.Append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
        x.Append("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n");
        x.Append("<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n</rdf:Description>\n");
        x.Append("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
        x.Append("<dc:format>application/pdf</dc:format>\n");
        x.Append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").Append(Escape(facts.Title)).Append("</rdf:li></rdf:Alt></dc:title>\n");
        x.Append("<dc:creator><rdf:Seq><rdf:li>").Append(Escape(facts.Author)).Append("</rdf:li></rdf:Seq></dc:creator>\n");
        x.Append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").Append(Escape(facts.Subject)).Append("</rdf:li></rdf:Alt></dc:description>\n");
        x.Append("</rdf:Description>\n");
        x.Append("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
        x.Append("<pdf:Producer>").Append(Escape(facts.Producer)).Append("</pdf:Producer>\n</rdf:Description>\n");
        x.Append("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
        x.Append("<xmp:CreatorTool>").Append(Escape(facts.CreatorTool)).Append("</xmp:CreatorTool>\n");
        x.Append("<xmp:CreateDate>").Append(date).Append("</xmp:CreateDate>\n");
        x.Append("<xmp:ModifyDate>").Append(date).Append("</xmp:ModifyDate>\n");
        x.Append("<xmp:MetadataDate>").Append(date).Append("</xmp:MetadataDate>\n</rdf:Description>\n");
        if (facts.FacturXConformanceLevel is { } level)
        {
            AppendFacturX(x, level);
        }

        x.Append("</rdf:RDF>\n</x:xmpmeta>\n");
        // Padding lets an editor update the packet in place, as the XMP specification recommends.
        x.Append(' ', 512).Append("\n<?xpacket end=\"w\"?>");
        return Encoding.UTF8.GetBytes(x.ToString());
    }

    private static void AppendFacturX(StringBuilder x, string level)
    {
        x.Append("<rdf:Description rdf:about=\"\" xmlns:fx=\"").Append(FacturXNamespace).Append("\">\n");
        x.Append("<fx:DocumentType>INVOICE</fx:DocumentType>\n");
        x.Append("<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>\n");
        x.Append("<fx:Version>1.0</fx:Version>\n");
        x.Append("<fx:ConformanceLevel>").Append(Escape(level)).Append("</fx:ConformanceLevel>\n</rdf:Description>\n");
        x.Append("<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" ");
        x.Append("xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n");
        x.Append("<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n");
        x.Append("<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>\n");
        x.Append("<pdfaSchema:namespaceURI>").Append(FacturXNamespace).Append("</pdfaSchema:namespaceURI>\n");
        x.Append("<pdfaSchema:prefix>fx</pdfaSchema:prefix>\n<pdfaSchema:property><rdf:Seq>\n");
        AppendProperty(x, "DocumentFileName", "Name of the embedded XML invoice file");
        AppendProperty(x, "DocumentType", "INVOICE");
        AppendProperty(x, "Version", "The actual version of the Factur-X XML schema");
        AppendProperty(x, "ConformanceLevel", "The conformance level of the embedded Factur-X data");
        x.Append("</rdf:Seq></pdfaSchema:property>\n</rdf:li></rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n");
    }

    private static void AppendProperty(StringBuilder x, string name, string description)
    {
        x.Append("<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>").Append(name).Append("</pdfaProperty:name>");
        x.Append("<pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>");
        x.Append("<pdfaProperty:description>").Append(description).Append("</pdfaProperty:description></rdf:li>\n");
    }

    private static string Escape(string text) => SecurityElement.Escape(StripControl(text)) ?? string.Empty;

    private static string StripControl(string text) => new(text.Where(c => c >= ' ' || c is '\n' or '\t').ToArray());
}
