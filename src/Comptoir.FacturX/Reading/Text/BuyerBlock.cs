using System.Text.RegularExpressions;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// Finds the buyer's block: a label such as "Facturé à", "Client", "Bill to" and the lines under it in the same
/// column, so that the buyer's name, SIREN and VAT number are not taken for the supplier's.
/// </summary>
internal static partial class BuyerBlock
{
    private const int MaxLines = 7;

    public static HashSet<(int Line, int Segment)> Find(TextDocument document)
    {
        var block = new HashSet<(int, int)>();
        for (var i = 0; i < document.Lines.Count; i++)
        {
            var segments = document.Lines[i].Segments;
            for (var j = 0; j < segments.Count; j++)
            {
                var label = Label().Match(document.Folded[i][j]);
                if (!label.Success)
                {
                    continue;
                }

                block.Add((i, j));
                var (left, right) = (segments[j].Left, segments[j].Right);
                var tolerance = 2 * Math.Max(document.Lines[i].Height, 1);
                foreach (var below in document.LinesBelow(i, MaxLines, maxGapInLines: 2.5))
                {
                    var under = document.SegmentUnder(below, left - tolerance, Math.Max(right, left + (20 * tolerance)));
                    if (under < 0 || Math.Abs(document.Lines[below].Segments[under].Left - left) > tolerance)
                    {
                        break;
                    }

                    block.Add((below, under));
                }
            }
        }

        return block;
    }

    // Not "N° client", "code client", "customer number": those are fields, not the buyer's address block.
    [GeneratedRegex(@"^(?<!\w)(?:factur[eé]e?\s+a|adresse\s+de\s+facturation|destinataire|client|cliente|acheteur|bill(?:ed)?\s+to|invoice\s+to|sold\s+to|ship\s+to|deliver\s+to|customer|buyer|livre\s+a|adresse\s+de\s+livraison)(?![a-z])(?!\s*(?:n\s?°|no\.?\s|number|id\b|code|ref|#|:\s*[a-z]{0,3}[-\s]?\d))")]
    private static partial Regex Label();
}
