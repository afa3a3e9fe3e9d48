using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Comptoir.FacturX.Validation.Engine;

/// <summary>
/// The XPath 2.0 value semantics the official rules rely on, so that a native rule decides exactly as the
/// Schematron does: normalize-space (XML whitespace only), casts of untyped text to xs:double, xs:decimal and
/// xs:boolean (null when the text does not cast, where Saxon would raise an error), and fn:round (half up).
/// </summary>
internal static partial class XsValues
{
    /// <summary>fn:normalize-space: trims and collapses XML whitespace (space, tab, CR, LF) only.</summary>
    public static string NormalizeSpace(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny(XmlWhitespace) < 0)
        {
            return text;
        }

        var parts = text.Split(XmlWhitespace, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts);
    }

    /// <summary>normalize-space(node) != '' (false when the node is absent).</summary>
    public static bool HasText(XElement? element) => element is not null && HasText(element.Value);

    public static bool HasText(XAttribute? attribute) => attribute is not null && HasText(attribute.Value);

    public static bool HasText(string? text) => !string.IsNullOrEmpty(text) && text.AsSpan().IndexOfAnyExcept(XmlWhitespace) >= 0;

    /// <summary>Untyped text cast to xs:double; null when it does not cast.</summary>
    public static double? Double(string? text)
    {
        var trimmed = Trim(text);
        switch (trimmed)
        {
            case "INF" or "+INF":
                return double.PositiveInfinity;
            case "-INF":
                return double.NegativeInfinity;
            case "NaN":
                return double.NaN;
        }

        return DoubleLexical().IsMatch(trimmed) ? double.Parse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
    }

    public static double? Double(XElement? element) => element is null ? null : Double(element.Value);

    /// <summary>Untyped text cast to xs:decimal; null when it does not cast (an exponent, letters, too many digits).</summary>
    public static decimal? Decimal(string? text)
    {
        var trimmed = Trim(text);
        return DecimalLexical().IsMatch(trimmed) && decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static decimal? Decimal(XElement? element) => element is null ? null : Decimal(element.Value);

    /// <summary>Untyped text cast to xs:boolean (true, false, 1, 0); null when it does not cast.</summary>
    public static bool? Boolean(string? text) => Trim(text) switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>
    /// xs:decimal of a double as Saxon casts it: the double's exact binary value (to decimal's 28 digits), not its
    /// shortest printed form, so that 15387.085 (stored as 15387.08499999...) rounds down to cents as there.
    /// </summary>
    public static decimal ToDecimal(double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) >= 7.9e27)
        {
            return (decimal)value;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        var shift = exponent - 1075;
        decimal result = mantissa;
        for (; shift > 0; shift--)
        {
            result *= 2;
        }

        if (shift < 0)
        {
            if (shift < -96)
            {
                return (decimal)value;
            }

            decimal divisor = 1;
            for (; shift < 0; shift++)
            {
                divisor *= 2;
            }

            result /= divisor;
        }

        return value < 0 ? -result : result;
    }

    /// <summary>fn:round on a double: half rounds towards positive infinity.</summary>
    public static double Round(double value) => double.IsFinite(value) ? Math.Floor(value + 0.5) : value;

    /// <summary>fn:round on a decimal: half rounds towards positive infinity.</summary>
    public static decimal Round(decimal value) => Math.Floor(value + 0.5m);

    /// <summary>round(x * 10 * 10) div 100 in decimal arithmetic.</summary>
    public static decimal Cents(decimal value) => Round(value * 100m) / 100m;

    /// <summary>round(x * 10 * 10) div 100 in double arithmetic.</summary>
    public static double Cents(double value) => Round(value * 10 * 10) / 100;

    /// <summary>string-length(substring-after(text, '.')) &lt;= 2, on the raw text as the rules do.</summary>
    public static bool AtMostTwoDecimals(XElement? element)
    {
        var text = element?.Value ?? string.Empty;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return true;
        }

        var after = text.AsSpan(dot + 1);
        var length = 0;
        foreach (var _ in after.EnumerateRunes())
        {
            length++;
        }

        return length <= 2;
    }

    /// <summary>The code-list test: not(contains(normalize-space(v), ' ')) and the list holds it.</summary>
    public static bool InList(FrozenSet<string> list, string? value)
    {
        var normalized = NormalizeSpace(value);
        return !normalized.Contains(' ', StringComparison.Ordinal) && list.Contains(normalized);
    }

    /// <summary>The general comparison "node = number" on every node given: true when one of them casts and compares.</summary>
    public static bool AnyEquals(IEnumerable<XElement> nodes, double number) => nodes.Any(n => Double(n.Value) is { } value && value == number);

    public static bool AnyGreaterThan(IEnumerable<XElement> nodes, double number) => nodes.Any(n => Double(n.Value) is { } value && value > number);

    public static bool AnyAtLeast(IEnumerable<XElement> nodes, double number) => nodes.Any(n => Double(n.Value) is { } value && value >= number);

    /// <summary>
    /// Some node's text casts to a number that passes <paramref name="test"/>: the three above over
    /// <see cref="ChildElements"/>, without an iterator (and without a closure, given a static lambda).
    /// </summary>
    public static bool AnyNumber(ChildElements nodes, Func<double, bool> test)
    {
        foreach (var node in nodes)
        {
            if (Double(node.Value) is { } value && test(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>fn:sum over untyped nodes: each cast to xs:double (NaN when it does not cast), added in document order.</summary>
    public static double Sum(IEnumerable<XElement> nodes)
    {
        var sum = 0d;
        foreach (var node in nodes)
        {
            sum += Double(node.Value) ?? double.NaN;
        }

        return sum;
    }

    /// <summary>sum(nodes/xs:decimal(.)): null when one does not cast to xs:decimal (where Saxon would raise an error).</summary>
    public static decimal? DecimalSum(IEnumerable<XElement> nodes)
    {
        var sum = 0m;
        foreach (var node in nodes)
        {
            if (Decimal(node.Value) is not { } value)
            {
                return null;
            }

            sum += value;
        }

        return sum;
    }

    private static readonly char[] XmlWhitespace = [' ', '\t', '\r', '\n'];

    private static string Trim(string? text) => (text ?? string.Empty).Trim(XmlWhitespace);

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex DoubleLexical();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")]
    private static partial Regex DecimalLexical();
}
