namespace Comptoir.FacturX.Reading.Text;

/// <summary>Groups positioned words into lines and segments, the way a reader sees a page.</summary>
public static class TextLayout
{
    /// <summary>A gap wider than this many line heights splits a line into segments (a normal space is about 0.35).</summary>
    private const double SegmentGap = 0.9;

    /// <summary>Lines of every page in reading order: pages in order, top to bottom, each line left to right.</summary>
    public static IReadOnlyList<TextLine> Lines(IEnumerable<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var lines = new List<TextLine>();
        foreach (var page in words.Where(w => !string.IsNullOrWhiteSpace(w.Text)).GroupBy(w => w.Page).OrderBy(g => g.Key))
        {
            var current = new List<TextWord>();
            foreach (var word in page.OrderBy(w => w.MiddleY).ThenBy(w => w.Left))
            {
                if (current.Count > 0 && !OnSameLine(current, word))
                {
                    lines.Add(Line(current));
                    current = [];
                }

                current.Add(word);
            }

            if (current.Count > 0)
            {
                lines.Add(Line(current));
            }
        }

        return lines;
    }

    /// <summary>A word joins the line when its middle is within half a line height of the line's middle.</summary>
    private static bool OnSameLine(List<TextWord> line, TextWord word)
    {
        var top = line.Min(w => w.Top);
        var bottom = line.Max(w => w.Bottom);
        var height = Math.Max(bottom - top, word.Height);
        return Math.Abs(word.MiddleY - ((top + bottom) / 2)) <= height / 2;
    }

    private static TextLine Line(List<TextWord> words)
    {
        var ordered = words.OrderBy(w => w.Left).ToList();
        var height = Median(ordered.Select(w => w.Height));
        var segments = new List<TextSegment>();
        var current = new List<TextWord> { ordered[0] };
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Left - current[^1].Right > SegmentGap * height)
            {
                segments.Add(new TextSegment(current));
                current = [];
            }

            current.Add(ordered[i]);
        }

        segments.Add(new TextSegment(current));
        return new TextLine(ordered[0].Page, ordered.Min(w => w.Top), ordered.Max(w => w.Bottom), segments);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
