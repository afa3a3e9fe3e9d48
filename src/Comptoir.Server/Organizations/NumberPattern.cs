using System.Globalization;
using System.Text;

namespace Comptoir.Server.Organizations;

/// <summary>
/// An invoice number pattern such as "F-{YYYY}-{SEQ:6}": literal text, the issue year ({YYYY}, {YY}) and month
/// ({MM}), and one zero-padded sequence ({SEQ:n}). The series is the pattern with its dates filled in, so each
/// year (or month) has its own unbroken sequence, as French law allows.
/// </summary>
[PublicSurface]
public sealed class NumberPattern
{
    private readonly string _pattern;
    private readonly int _digits;

    private NumberPattern(string pattern, int digits)
    {
        _pattern = pattern;
        _digits = digits;
    }

    public static bool TryParse(string? pattern, out NumberPattern parsed, out string? problem)
    {
        parsed = null!;
        problem = null;
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > 30)
        {
            problem = "the pattern must have 1 to 30 characters.";
            return false;
        }

        var start = pattern.IndexOf("{SEQ:", StringComparison.Ordinal);
        var end = start < 0 ? -1 : pattern.IndexOf('}', start);
        if (start < 0 || end < 0 || pattern.IndexOf("{SEQ:", end, StringComparison.Ordinal) >= 0)
        {
            problem = "the pattern needs exactly one {SEQ:n} placeholder.";
            return false;
        }

        if (!int.TryParse(pattern.AsSpan(start + 5, end - start - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var digits) || digits is < 1 or > 12)
        {
            problem = "{SEQ:n} needs n from 1 to 12.";
            return false;
        }

        var literal = pattern.Replace("{YYYY}", "2026", StringComparison.Ordinal).Replace("{YY}", "26", StringComparison.Ordinal).Replace("{MM}", "01", StringComparison.Ordinal);
        literal = literal[..literal.IndexOf("{SEQ:", StringComparison.Ordinal)] + new string('0', digits) + literal[(literal.IndexOf('}', literal.IndexOf("{SEQ:", StringComparison.Ordinal)) + 1)..];
        if (!literal.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '+'))
        {
            problem = "outside its placeholders the pattern may only use letters, digits and - _ / + (French rule BR-FR-02).";
            return false;
        }

        parsed = new NumberPattern(pattern, digits);
        return true;
    }

    /// <summary>The series a date belongs to: the pattern with dates filled in and the sequence left as {SEQ}.</summary>
    public string Series(DateOnly date) => Dates(date);

    /// <summary>The number for a value of the series' sequence.</summary>
    public string Format(DateOnly date, long sequence)
    {
        var text = Dates(date);
        var start = text.IndexOf("{SEQ:", StringComparison.Ordinal);
        var end = text.IndexOf('}', start);
        return new StringBuilder(text).Remove(start, end - start + 1).Insert(start, sequence.ToString(new string('0', _digits), CultureInfo.InvariantCulture)).ToString();
    }

    private string Dates(DateOnly date) => _pattern
        .Replace("{YYYY}", date.Year.ToString("0000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{YY}", (date.Year % 100).ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{MM}", date.Month.ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
