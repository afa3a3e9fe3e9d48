namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// Words of one page that share a baseline, left to right, cut into segments where a wide gap separates them (table
/// cells, a label and its value set apart, two columns side by side).
/// </summary>
public sealed record TextLine(int Page, double Top, double Bottom, IReadOnlyList<TextSegment> Segments)
{
    /// <summary>The whole line, segments joined by a single space.</summary>
    public string Text => string.Join(' ', Segments.Select(s => s.Text));

    public double Height => Bottom - Top;
}

/// <summary>Words of a line with no wide gap between them, joined by single spaces.</summary>
public sealed record TextSegment(IReadOnlyList<TextWord> Words)
{
    public string Text { get; } = string.Join(' ', Words.Select(w => w.Text));

    public double Left => Words[0].Left;

    public double Right => Words[^1].Right;

    /// <summary>The horizontal extent of the words that hold characters [start, end) of <see cref="Text"/>.</summary>
    public (double Left, double Right) Span(int start, int end)
    {
        var offset = 0;
        double? left = null;
        var right = Left;
        foreach (var word in Words)
        {
            var wordEnd = offset + word.Text.Length;
            if (wordEnd > start && offset < end)
            {
                left ??= word.Left;
                right = word.Right;
            }

            offset = wordEnd + 1;
        }

        return (left ?? Left, Math.Max(right, left ?? Left));
    }
}
