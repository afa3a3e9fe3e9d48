using System.Globalization;
using System.Text.RegularExpressions;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>One amount found in a text, with where it stands (to tell what comes before and after it).</summary>
public sealed record FoundAmount(decimal Value, int Index, int Length);

/// <summary>
/// Amounts as invoices print them, in French and English: 1 234,56 / 1.234,56 / 1,234.56 / 1234.56 / 1 200 €, with
/// normal, non-breaking or thin spaces, a currency sign or code on either side, a minus sign. A number followed by %
/// is a rate, not an amount.
/// </summary>
public static partial class AmountText
{
    /// <summary>All amounts in the text, left to right.</summary>
    public static IReadOnlyList<FoundAmount> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<FoundAmount>();
        foreach (Match match in Number().Matches(text))
        {
            if (Parse(match.Groups["number"].Value) is { } value)
            {
                found.Add(new FoundAmount(match.Groups["minus"].Success ? -value : value, match.Index, match.Length));
            }
        }

        return found;
    }

    /// <summary>The number's value, or null when its separators make no sense as an amount.</summary>
    public static decimal? Parse(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var digits = number.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202F", string.Empty, StringComparison.Ordinal).Replace("'", string.Empty, StringComparison.Ordinal);
        var lastComma = digits.LastIndexOf(',');
        var lastDot = digits.LastIndexOf('.');
        var last = Math.Max(lastComma, lastDot);
        string normalized;
        if (last >= 0 && digits.Length - last - 1 is 1 or 2)
        {
            // The last separator followed by one or two digits is the decimal one; the other kind groups thousands.
            var decimalSeparator = digits[last];
            var grouping = decimalSeparator == ',' ? '.' : ',';
            var whole = digits[..last];
            if (whole.Contains(decimalSeparator, StringComparison.Ordinal))
            {
                return null;
            }

            normalized = whole.Replace(grouping.ToString(), string.Empty, StringComparison.Ordinal) + "." + digits[(last + 1)..];
        }
        else
        {
            // No decimals: every separator groups thousands (1,234 or 1.234 or 1 234).
            normalized = digits.Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        }

        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    // A number with thousands grouped by space, dot, comma or apostrophe and an optional decimal part; not glued to a
    // letter or another digit, not a percentage, not part of a date (12/03/2026) or an identifier (FA-2026-001).
    [GeneratedRegex(@"(?<![\w/\-.,])(?<minus>[-\u2212]\s?)?(?:[€$£]\s?)?(?<number>\d{1,3}(?:[ \u00A0\u202F.,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\w/%]|\s?%|[.,]\d|-\d)")]
    private static partial Regex Number();
}
