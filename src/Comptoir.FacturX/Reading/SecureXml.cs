using System.Xml;
using System.Xml.Linq;

namespace Comptoir.FacturX.Reading;

/// <summary>
/// Reads an e-invoice's XML without trusting it: no DTD, no external resolution, at most
/// <see cref="CiiReader.MaxSize"/> bytes; anything else is an InvalidDataException for the caller to report.
/// </summary>
public static class SecureXml
{
    public static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = CiiReader.MaxSize * 2L,
    };

    /// <exception cref="InvalidDataException">Too large, or not well-formed.</exception>
    public static XDocument Load(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > CiiReader.MaxSize)
        {
            throw new InvalidDataException("The XML is larger than 10 MB.");
        }

        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), Settings);
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"The XML is not well-formed: {e.Message}", e);
        }
    }
}
