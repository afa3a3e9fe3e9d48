using System.Xml;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// What an uploaded supplier invoice file is, judged from its bytes rather than from the name or media type a client
/// sent: a PDF, a PNG or JPEG image, or an XML e-invoice (CII, UBL Invoice or UBL CreditNote). Anything else is refused.
/// </summary>
public static class SupplierInvoiceFileKind
{
    public const string UblInvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public const string UblCreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    public const string CiiNamespace = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

    private static readonly XmlReaderSettings Secure = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true, IgnoreWhitespace = true };

    /// <summary>The media type to store the file under, or null when the file is none of the accepted kinds.</summary>
    public static string? MediaType(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        return IsXmlInvoice(content.ToArray()) ? "application/xml" : null;
    }

    /// <summary>True when the root element is a CII CrossIndustryInvoice or a UBL Invoice or CreditNote.</summary>
    public static bool IsXmlInvoice(byte[] content)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), Secure);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                return false;
            }

            return (reader.LocalName, reader.NamespaceURI) is ("CrossIndustryInvoice", CiiNamespace) or ("Invoice", UblInvoiceNamespace) or ("CreditNote", UblCreditNoteNamespace);
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
