using System.Text.RegularExpressions;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>Reads a value of one kind from the start of a text, or says there is none.</summary>
internal delegate bool ValueReader<T>(string text, out T value);

/// <summary>Where a value was found relative to its label.</summary>
internal enum Placement
{
    /// <summary>After the label in the same segment ("Total TTC : 120,00").</summary>
    SameSegment,

    /// <summary>In a following segment of the same line (a table row, a label and its value set apart).</summary>
    SameLine,

    /// <summary>Under the label (a header cell and its value below it).</summary>
    Below,
}

/// <summary>A value found for a label, with where it stands.</summary>
internal sealed record LabelledValue<T>(T Value, int Line, int Segment, Placement Placement);

/// <summary>
/// Finds the values that labels announce: after the label in its segment, else in the next segment of the line (up to
/// another label), else under the label in the same column within a few lines.
/// </summary>
internal static class LabelledValues
{
    private const int LinesBelow = 3;

    public static IEnumerable<LabelledValue<T>> Find<T>(TextDocument document, Regex label, ValueReader<T> read, bool sameSegmentOnly = false)
    {
        for (var i = 0; i < document.Lines.Count; i++)
        {
            var segments = document.Lines[i].Segments;
            for (var j = 0; j < segments.Count; j++)
            {
                foreach (Match match in label.Matches(document.Folded[i][j]))
                {
                    if (Locate(document, i, j, match, read, sameSegmentOnly) is { } found)
                    {
                        yield return found;
                    }
                }
            }
        }
    }

    private static LabelledValue<T>? Locate<T>(TextDocument document, int i, int j, Match match, ValueReader<T> read, bool sameSegmentOnly)
    {
        var segment = document.Lines[i].Segments[j];
        var rest = segment.Text[(match.Index + match.Length)..].TrimStart(' ', ':', '-', '=', '.', '#', '\u00A0');
        if (read(rest, out var value))
        {
            return new LabelledValue<T>(value, i, j, Placement.SameSegment);
        }

        if (sameSegmentOnly)
        {
            return null;
        }

        // Another label after this one in the segment ("Date   Échéance" as a header row): its value is not on this
        // line but under it.
        if (rest.Length == 0 || !Labels.AnyField().IsMatch(TextFolding.Fold(rest)))
        {
            var segments = document.Lines[i].Segments;
            for (var k = j + 1; k < segments.Count; k++)
            {
                if (read(segments[k].Text, out value))
                {
                    return new LabelledValue<T>(value, i, k, Placement.SameLine);
                }

                if (Labels.AnyField().IsMatch(document.Folded[i][k]))
                {
                    break;
                }
            }
        }

        var (left, right) = segment.Span(match.Index, match.Index + match.Length);
        foreach (var below in document.LinesBelow(i, LinesBelow))
        {
            var under = document.SegmentUnder(below, left, right);
            if (under >= 0 && read(FromColumn(document.Lines[below].Segments[under], left, right), out value))
            {
                return new LabelledValue<T>(value, below, under, Placement.Below);
            }
        }

        return null;
    }

    /// <summary>The segment's text from its first word under [left, right]: a value below its header cell.</summary>
    private static string FromColumn(TextSegment segment, double left, double right)
    {
        var words = segment.Words.SkipWhile(w => w.Right < left || w.Left > right).ToList();
        return words.Count == 0 ? segment.Text : string.Join(' ', words.Select(w => w.Text));
    }
}
