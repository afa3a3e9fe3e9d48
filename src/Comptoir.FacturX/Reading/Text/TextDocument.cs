namespace Comptoir.FacturX.Reading.Text;

/// <summary>The lines of a document with each segment's folded text computed once, and which segments are the buyer's.</summary>
internal sealed class TextDocument
{
    public TextDocument(IReadOnlyList<TextLine> lines)
    {
        Lines = lines;
        Folded = [.. lines.Select(l => l.Segments.Select(s => TextFolding.Fold(s.Text)).ToArray())];
        Buyer = BuyerBlock.Find(this);
    }

    public IReadOnlyList<TextLine> Lines { get; }

    /// <summary>Folded text of segment j of line i: <c>Folded[i][j]</c>, same length as the original.</summary>
    public IReadOnlyList<string[]> Folded { get; }

    /// <summary>(line, segment) pairs that belong to the buyer's block ("Facturé à", "Bill to", ...).</summary>
    public IReadOnlySet<(int Line, int Segment)> Buyer { get; }

    public bool IsBuyer(int line, int segment) => Buyer.Contains((line, segment));

    /// <summary>Lines below line <paramref name="index"/> on its page, nearest first, while the gap stays under <paramref name="maxGapInLines"/> line heights.</summary>
    public IEnumerable<int> LinesBelow(int index, int maxLines, double maxGapInLines = 3)
    {
        var line = Lines[index];
        var height = Math.Max(line.Height, 1);
        var bottom = line.Bottom;
        for (var next = index + 1; next < Lines.Count && next <= index + maxLines; next++)
        {
            var candidate = Lines[next];
            if (candidate.Page != line.Page || candidate.Top - bottom > maxGapInLines * height)
            {
                yield break;
            }

            bottom = candidate.Bottom;
            yield return next;
        }
    }

    /// <summary>Index of the segment of line <paramref name="line"/> that overlaps [left, right] horizontally, or -1.</summary>
    public int SegmentUnder(int line, double left, double right)
    {
        var segments = Lines[line].Segments;
        for (var j = 0; j < segments.Count; j++)
        {
            if (segments[j].Left <= right && segments[j].Right >= left)
            {
                return j;
            }
        }

        return -1;
    }
}
