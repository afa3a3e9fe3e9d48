using System.Globalization;
using System.Text;

namespace Comptoir.FacturX.Pdf;

/// <summary>Encodings of PDF syntax: text strings, dates and numbers.</summary>
internal static class PdfText
{
    /// <summary>A text string as UTF-16BE hex with byte-order mark: safe for any character.</summary>
    public static string TextString(string value)
    {
        var builder = new StringBuilder((value.Length * 4) + 6).Append("<FEFF");
        foreach (var b in Encoding.BigEndianUnicode.GetBytes(value))
        {
            builder.Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.Append('>').ToString();
    }

    /// <summary>
    /// A text string as a plain literal when it is printable ASCII, else as UTF-16: tools that compare file names
    /// byte for byte (poppler's <c>pdfdetach -savefile factur-x.xml</c>) find the plain form.
    /// </summary>
    public static string PlainWhenAscii(string value) => value.All(c => c is >= ' ' and <= '~') ? Literal(value) : TextString(value);

    /// <summary>A literal ASCII string; anything outside printable ASCII is escaped in octal.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('(');
        foreach (var c in value)
        {
            switch (c)
            {
                case '(' or ')' or '\\':
                    builder.Append('\\').Append(c);
                    break;
                case >= ' ' and <= '~':
                    builder.Append(c);
                    break;
                default:
                    builder.Append('\\').Append(Convert.ToString(c & 0xFF, 8).PadLeft(3, '0'));
                    break;
            }
        }

        return builder.Append(')').ToString();
    }

    /// <summary>PDF date string: D:YYYYMMDDHHmmSS+HH'mm'.</summary>
    public static string Date(DateTimeOffset at)
    {
        var offset = at.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"D:{at:yyyyMMddHHmmss}{sign}{abs.Hours:00}'{abs.Minutes:00}'");
    }

    /// <summary>XMP date: ISO 8601 with offset.</summary>
    public static string XmpDate(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A real number with at most 3 decimals and no exponent.</summary>
    public static string Number(double value)
    {
        var rounded = Math.Round(value, 3);
        if (rounded == 0)
        {
            return "0";
        }

        return rounded.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
