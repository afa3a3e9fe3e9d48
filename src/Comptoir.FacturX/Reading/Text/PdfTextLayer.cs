using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// The words of a PDF's text layer with their boxes (PdfPig), turned into reading coordinates (y from the top of the
/// page) and grouped into lines. A scanned PDF has no text layer: it gives no line, and needs OCR.
/// </summary>
public static class PdfTextLayer
{
    /// <summary>Invoices fit on a few pages; the rest of a long document (terms, annexes) is not read.</summary>
    public const int MaxPages = 5;

    /// <summary>Below this many letters and digits a page is taken for a scan (a page number or a stamp is not a text layer).</summary>
    public const int MinCharacters = 20;

    /// <exception cref="InvalidDataException">The bytes are not a PDF PdfPig can open (damaged, encrypted).</exception>
    public static IReadOnlyList<TextLine> Read(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        try
        {
            using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var words = new List<TextWord>();
            for (var number = 1; number <= Math.Min(document.NumberOfPages, MaxPages); number++)
            {
                var page = document.GetPage(number);
                words.AddRange(page.GetWords().Select(w => Word(w, number, page)));
            }

            return words.Sum(w => w.Text.Count(char.IsLetterOrDigit)) < MinCharacters ? [] : TextLayout.Lines(words);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not InvalidDataException)
        {
            // PdfPig reports damage with its own exception types (and sometimes with the BCL's); all mean the same here.
            throw new InvalidDataException("The PDF's text layer could not be read: " + e.Message, e);
        }
    }

    private static TextWord Word(Word word, int page, Page source)
    {
        var box = word.BoundingBox;
        var height = source.Height;
        return new TextWord(word.Text, page, box.Left, height - box.Top, box.Right, height - box.Bottom);
    }
}
