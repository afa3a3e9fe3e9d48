using System.Text.RegularExpressions;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// The XPath 2.0 behaviour the French rules depend on, reproduced so that a native rule decides as the Schematron:
/// string-length and substring count code points; a regular expression's "$" is the end of the text (.NET's "$"
/// also matches before a final newline, so the patterns here end with \z); "node = 'x'" is true when any node
/// holds exactly 'x'; string(), number() and normalize-space() of a path read its first node ("" or NaN when
/// there is none: the Schematron would stop on a second one, which no valid invoice has).
/// </summary>
internal static partial class FrenchXPath
{
    /// <summary>fn:string-length: the number of code points.</summary>
    public static int Length(string text)
    {
        var length = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            length++;
        }

        return length;
    }

    /// <summary>fn:substring(text, 1, count): the first <paramref name="count"/> code points.</summary>
    public static string Prefix(string text, int count)
    {
        var end = 0;
        var taken = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (taken == count)
            {
                break;
            }

            end += rune.Utf16SequenceLength;
            taken++;
        }

        return text[..end];
    }

    /// <summary>fn:string of the first node, "" when there is none.</summary>
    public static string String(IEnumerable<XElement> nodes) => nodes.FirstOrDefault()?.Value ?? string.Empty;

    /// <summary>fn:normalize-space of the first node.</summary>
    public static string Normalized(IEnumerable<XElement> nodes) => XsValues.NormalizeSpace(String(nodes));

    /// <summary>fn:number of the first node: NaN when there is none or its text is not a number.</summary>
    public static double Number(IEnumerable<XElement> nodes) => nodes.FirstOrDefault() is { } node ? Number(node.Value) : double.NaN;

    public static double Number(string text) => XsValues.Double(text) ?? double.NaN;

    /// <summary>The general comparison "nodes = value": some node's text is exactly one of the values.</summary>
    public static bool AnyIs(IEnumerable<XElement> nodes, params string[] values) => nodes.Any(n => values.Contains(n.Value, StringComparer.Ordinal));

    /// <summary>The general comparison "nodes != value": some node's text differs from it.</summary>
    public static bool AnyIsNot(IEnumerable<XElement> nodes, string value) => nodes.Any(n => !string.Equals(n.Value, value, StringComparison.Ordinal));

    /// <summary>The general comparison "nodes = others": some text of one side equals some text of the other.</summary>
    public static bool AnyShared(IEnumerable<XElement> nodes, IEnumerable<XElement> others)
    {
        var values = others.Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
        return nodes.Any(n => values.Contains(n.Value));
    }

    /// <summary>The nodes whose attribute <paramref name="name"/> is exactly <paramref name="value"/>.</summary>
    public static IEnumerable<XElement> WithAttribute(this IEnumerable<XElement> nodes, string name, string value) =>
        nodes.Where(n => (string?)n.Attribute(name) == value);

    /// <summary>"a ge b" on untyped text: both compared as strings, code point by code point.</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var left = a.EnumerateRunes().GetEnumerator();
        var right = b.EnumerateRunes().GetEnumerator();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }

            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }

    /// <summary>
    /// The decimal formats of BR-FR-DEC-01..04: an optional minus sign when <paramref name="signed"/>, 1 to
    /// <paramref name="digits"/> digits, up to <paramref name="decimals"/> decimals after a point, and at most
    /// <paramref name="digits"/> characters without the point (the sign counts).
    /// </summary>
    public static bool IsDecimal(string text, int digits, int decimals, bool signed)
    {
        var match = DecimalPattern().Match(text);
        if (!match.Success || (!signed && match.Groups["sign"].Success) || match.Groups["integer"].Length > digits
            || (match.Groups["fraction"].Success && match.Groups["fraction"].Length > decimals))
        {
            return false;
        }

        return Length(text.Replace(".", string.Empty, StringComparison.Ordinal)) <= digits;
    }

    /// <summary>A code point count of digits: \d in XPath is any Unicode decimal digit, as in .NET.</summary>
    [GeneratedRegex(@"^(?<sign>-)?(?<integer>\d+)(\.(?<fraction>\d+))?\z")]
    private static partial Regex DecimalPattern();
}
