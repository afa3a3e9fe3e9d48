using System.Globalization;
using System.Xml;

namespace Comptoir.FacturX.Cii;

/// <summary>Thin helpers over <see cref="XmlWriter"/> for the ram/udt/qdt vocabulary.</summary>
internal sealed class CiiElementWriter(XmlWriter xml)
{
    public void Start(string localName) => xml.WriteStartElement("ram", localName, CiiNamespaces.Ram);

    public void Start(string prefix, string localName) => xml.WriteStartElement(prefix, localName, NamespaceOf(prefix));

    public void End() => xml.WriteEndElement();

    public void Text(string localName, string value) => xml.WriteElementString("ram", localName, CiiNamespaces.Ram, Clean(value));

    public void Text(string prefix, string localName, string value) => xml.WriteElementString(prefix, localName, NamespaceOf(prefix), Clean(value));

    public void OptionalText(string localName, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            Text(localName, value);
        }
    }

    public void TextWithAttribute(string localName, string value, string attribute, string attributeValue)
    {
        xml.WriteStartElement("ram", localName, CiiNamespaces.Ram);
        xml.WriteAttributeString(attribute, attributeValue);
        xml.WriteString(Clean(value));
        xml.WriteEndElement();
    }

    /// <summary>Writes a date in format 102 (CCYYMMDD).</summary>
    public void DateTimeString(string prefix, DateOnly date)
    {
        xml.WriteStartElement(prefix, "DateTimeString", NamespaceOf(prefix));
        xml.WriteAttributeString("format", "102");
        xml.WriteString(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    private static string NamespaceOf(string prefix) => prefix switch
    {
        "rsm" => CiiNamespaces.Rsm,
        "ram" => CiiNamespaces.Ram,
        "udt" => CiiNamespaces.Udt,
        "qdt" => CiiNamespaces.Qdt,
        _ => throw new ArgumentOutOfRangeException(nameof(prefix), prefix, null),
    };

    /// <summary>Drops characters XML 1.0 cannot carry (control characters from hostile input) and trims.</summary>
    internal static string Clean(string value)
    {
        var trimmed = value.Trim();
        foreach (var c in trimmed)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                return new string(trimmed.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)).ToArray());
            }
        }

        return trimmed;
    }
}
