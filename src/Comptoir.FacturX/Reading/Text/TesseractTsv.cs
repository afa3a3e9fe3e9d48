using System.Globalization;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// Reads Tesseract's TSV output (level, page, block, paragraph, line, word, left, top, width, height, confidence,
/// text): the words (level 5) with their boxes in pixels, on the page number given.
/// </summary>
public static class TesseractTsv
{
    private const int WordLevel = 5;
    private const int Columns = 12;

    public static IReadOnlyList<TextWord> Words(string tsv, int page)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var words = new List<TextWord>();
        foreach (var row in tsv.Split('\n').Skip(1))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length < Columns || string.IsNullOrWhiteSpace(cells[11]))
            {
                continue;
            }

            if (!int.TryParse(cells[0], CultureInfo.InvariantCulture, out var level) || level != WordLevel
                || !double.TryParse(cells[6], CultureInfo.InvariantCulture, out var left) || !double.TryParse(cells[7], CultureInfo.InvariantCulture, out var top)
                || !double.TryParse(cells[8], CultureInfo.InvariantCulture, out var width) || !double.TryParse(cells[9], CultureInfo.InvariantCulture, out var height))
            {
                continue;
            }

            words.Add(new TextWord(cells[11].Trim(), page, left, top, left + width, top + height));
        }

        return words;
    }
}
