using Comptoir.FacturX.Reading.Text;

namespace Comptoir.Bench;

/// <summary>
/// `text-fields FILE...`: prints the lines of each PDF's text layer, or of an image's or scanned PDF's OCR (segments
/// separated by " | "), and the fields the finder reads from them, to see why a field is missed.
/// </summary>
public static class TextFieldsProbe
{
    public static async Task<int> RunAsync(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            Console.WriteLine($"== {file}");
            var content = await File.ReadAllBytesAsync(file);
            var lines = file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? PdfTextLayer.Read(content) : [];
            if (lines.Count == 0 && TesseractOcr.Installed is { } ocr)
            {
                lines = file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
                    ? await ocr.ReadScannedPdfAsync(content, CancellationToken.None)
                    : await ocr.ReadImageAsync(content, Path.GetExtension(file), CancellationToken.None);
            }

            foreach (var line in lines)
            {
                Console.WriteLine($"  p{line.Page} y={line.Top,7:0.0}  " + string.Join(" | ", line.Segments.Select(s => s.Text)));
            }

            Console.WriteLine(InvoiceFieldFinder.Find(lines));
        }

        return 0;
    }
}
