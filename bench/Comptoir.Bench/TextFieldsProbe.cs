using Comptoir.FacturX.Reading.Text;

namespace Comptoir.Bench;

/// <summary>
/// `text-fields FILE.pdf...`: prints the lines of each PDF's text layer (segments separated by " | ") and the fields
/// the finder reads from them, to see why a field is missed.
/// </summary>
public static class TextFieldsProbe
{
    public static int Run(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            Console.WriteLine($"== {file}");
            var lines = PdfTextLayer.Read(File.ReadAllBytes(file));
            foreach (var line in lines)
            {
                Console.WriteLine($"  p{line.Page} y={line.Top,7:0.0}  " + string.Join(" | ", line.Segments.Select(s => s.Text)));
            }

            Console.WriteLine(InvoiceFieldFinder.Find(lines));
        }

        return 0;
    }
}
