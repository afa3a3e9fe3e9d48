using System.Text.Json;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Comptoir.Bench;

/// <summary>
/// Two producers of tests/corpus/make-supplier-invoices.py that need PdfPig's writer:
/// `corpus-pdfpig SPEC.json OUT_DIR` writes A4 PDFs from positioned lines ({file, lines:[{x, y from the top, size,
/// bold, text}]}) in DejaVu Sans; `corpus-image-pdf PAGE.jpg|png OUT.pdf` wraps a page image into a PDF with no text layer,
/// as a scanner does.
/// </summary>
public static class CorpusPdfPigWriter
{
    private sealed record Line(double X, double Y, double Size, bool Bold, string Text);

    private sealed record Spec(string File, List<Line> Lines);

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static int WriteTextPdfs(string specPath, string outDirectory)
    {
        var specs = JsonSerializer.Deserialize<List<Spec>>(File.ReadAllText(specPath), Options) ?? [];
        foreach (var spec in specs)
        {
            var builder = new PdfDocumentBuilder();
            // PdfPig's own TrueType embedding (Helvetica's WinAnsi has no narrow spaces), of the fonts the repository ships.
            var regular = builder.AddTrueTypeFont(File.ReadAllBytes(Path.Combine(FontsDirectory(), "DejaVuSans.ttf")));
            var bold = builder.AddTrueTypeFont(File.ReadAllBytes(Path.Combine(FontsDirectory(), "DejaVuSans-Bold.ttf")));
            var page = builder.AddPage(PageSize.A4);
            var height = page.PageSize.Height;
            foreach (var line in spec.Lines)
            {
                page.AddText(line.Text, line.Size, new PdfPoint(line.X, height - line.Y), line.Bold ? bold : regular);
            }

            File.WriteAllBytes(Path.Combine(outDirectory, spec.File), builder.Build());
        }

        return 0;
    }

    private static string FontsDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Comptoir.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Comptoir.slnx not found."), "src", "Comptoir.FacturX", "Resources");
    }

    public static int WriteImagePdf(string imagePath, string outPath)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var area = new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height);
        if (imagePath.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase))
        {
            page.AddJpeg(File.ReadAllBytes(imagePath), area); // kept as it is (DCT), as scanners write
        }
        else
        {
            page.AddPng(File.ReadAllBytes(imagePath), area);
        }

        File.WriteAllBytes(outPath, builder.Build());
        return 0;
    }
}
