using System.Globalization;
using System.Text.RegularExpressions;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>One date found in a text, with where it stands.</summary>
public sealed record FoundDate(DateOnly Value, int Index, int Length);

/// <summary>
/// Dates as invoices print them: 12/03/2026, 12.03.26, 2026-03-12, 12 mars 2026, 1er mars 2026, March 12, 2026,
/// 12 March 2026, Mar 12 2026. Numeric dates are read day first (the French and British order), except when the
/// second number cannot be a month: 03/25/2026 is March 25.
/// </summary>
public static partial class DateText
{
    private static readonly (string Prefix, int Month)[] MonthNames =
    [
        ("janv", 1), ("jan", 1), ("fevr", 2), ("fev", 2), ("feb", 2), ("mars", 3), ("mar", 3), ("avril", 4), ("avr", 4), ("apr", 4),
        ("mai", 5), ("may", 5), ("juin", 6), ("june", 6), ("jun", 6), ("juil", 7), ("july", 7), ("jul", 7), ("aout", 8), ("aug", 8),
        ("sept", 9), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ];

    /// <summary>All dates in the text, left to right.</summary>
    public static IReadOnlyList<FoundDate> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = TextFolding.Fold(text);
        var found = new List<FoundDate>();
        foreach (Match match in AnyDate().Matches(folded))
        {
            if (Read(match) is { } date)
            {
                found.Add(new FoundDate(date, match.Index, match.Length));
            }
        }

        return found;
    }

    private static DateOnly? Read(Match m)
    {
        if (m.Groups["iy"].Success)
        {
            return Make(Int(m.Groups["iy"]), Int(m.Groups["im"]), Int(m.Groups["id"]));
        }

        if (m.Groups["na"].Success)
        {
            var (a, b) = (Int(m.Groups["na"]), Int(m.Groups["nb"]));
            var year = Year(Int(m.Groups["ny"]));
            return a > 12 || b <= 12 ? Make(year, b, a) : Make(year, a, b);
        }

        if (m.Groups["dd"].Success)
        {
            return Month(m.Groups["dm"].Value) is { } month ? Make(Year(Int(m.Groups["dy"])), month, Int(m.Groups["dd"])) : null;
        }

        return Month(m.Groups["mm"].Value) is { } english ? Make(Year(Int(m.Groups["my"])), english, Int(m.Groups["md"])) : null;
    }

    private static int? Month(string name)
    {
        foreach (var (prefix, month) in MonthNames)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return month;
            }
        }

        return null;
    }

    private static int Int(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int Year(int year) => year < 100 ? 2000 + year : year;

    private static DateOnly? Make(int year, int month, int day) =>
        year is >= 1990 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    // On folded text. ISO; numeric with / . or -; "12 mars 2026" / "1er mars 2026" / "12 March 2026"; "March 12, 2026".
    [GeneratedRegex(@"(?<![\w/.-])(?:(?<iy>\d{4})-(?<im>\d{1,2})-(?<id>\d{1,2})|(?<na>\d{1,2})[/.\-](?<nb>\d{1,2})[/.\-](?<ny>\d{4}|\d{2})|(?<dd>\d{1,2})(?:er|st|nd|rd|th)?\s+(?<dm>[a-z]{3,9})\.?,?\s+(?<dy>\d{4})|(?<mm>[a-z]{3,9})\.?\s+(?<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<my>\d{4}))(?![\w/])")]
    private static partial Regex AnyDate();
}
