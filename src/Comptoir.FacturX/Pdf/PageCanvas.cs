using System.Text;

namespace Comptoir.FacturX.Pdf;

/// <summary>
/// Drawing operations on one page, in points with the origin at the top-left (y grows downwards) as layouts think;
/// converted to PDF's bottom-left origin when written.
/// </summary>
public sealed class PageCanvas
{
    private readonly StringBuilder _content = new(8 * 1024);
    private readonly HashSet<PdfFont> _fonts = [];

    internal PageCanvas(double width, double height)
    {
        Width = width;
        Height = height;
    }

    public double Width { get; }

    public double Height { get; }

    internal IReadOnlyCollection<PdfFont> Fonts => _fonts;

    internal string Content => _content.ToString();

    /// <summary>Draws text with its baseline at (<paramref name="x"/>, <paramref name="baseline"/>).</summary>
    public void Text(double x, double baseline, string text, PdfFont font, double size, PdfColor? color = null)
    {
        ArgumentNullException.ThrowIfNull(font);
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        _fonts.Add(font);
        _content.Append("BT ").Append((color ?? PdfColor.Black).Fill).Append(" /").Append(font.ResourceName).Append(' ').Append(PdfText.Number(size)).Append(" Tf ");
        _content.Append(PdfText.Number(x)).Append(' ').Append(PdfText.Number(Height - baseline)).Append(" Td <");
        font.Subset.Encode(text, _content);
        _content.Append("> Tj ET\n");
    }

    /// <summary>Draws text right-aligned so that it ends at <paramref name="right"/>.</summary>
    public void TextRight(double right, double baseline, string text, PdfFont font, double size, PdfColor? color = null) =>
        Text(right - font.Measure(text, size), baseline, text, font, size, color);

    /// <summary>Draws text rotated by <paramref name="degrees"/> around its start point (used for the DRAFT mark).</summary>
    public void TextRotated(double x, double baseline, double degrees, string text, PdfFont font, double size, PdfColor color)
    {
        ArgumentNullException.ThrowIfNull(font);
        _fonts.Add(font);
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        _content.Append("BT ").Append(color.Fill).Append(" /").Append(font.ResourceName).Append(' ').Append(PdfText.Number(size)).Append(" Tf ");
        _content.Append(PdfText.Number(cos)).Append(' ').Append(PdfText.Number(sin)).Append(' ').Append(PdfText.Number(-sin)).Append(' ').Append(PdfText.Number(cos)).Append(' ');
        _content.Append(PdfText.Number(x)).Append(' ').Append(PdfText.Number(Height - baseline)).Append(" Tm <");
        font.Subset.Encode(text, _content);
        _content.Append("> Tj ET\n");
    }

    public void Line(double x1, double y1, double x2, double y2, double width, PdfColor color)
    {
        _content.Append(color.Stroke).Append(' ').Append(PdfText.Number(width)).Append(" w ");
        _content.Append(PdfText.Number(x1)).Append(' ').Append(PdfText.Number(Height - y1)).Append(" m ");
        _content.Append(PdfText.Number(x2)).Append(' ').Append(PdfText.Number(Height - y2)).Append(" l S\n");
    }

    /// <summary>Fills a rectangle whose top-left corner is (<paramref name="x"/>, <paramref name="top"/>).</summary>
    public void FillRectangle(double x, double top, double width, double height, PdfColor color)
    {
        _content.Append(color.Fill).Append(' ').Append(PdfText.Number(x)).Append(' ').Append(PdfText.Number(Height - top - height)).Append(' ');
        _content.Append(PdfText.Number(width)).Append(' ').Append(PdfText.Number(height)).Append(" re f\n");
    }

    /// <summary>Strokes a rectangle outline.</summary>
    public void StrokeRectangle(double x, double top, double width, double height, double lineWidth, PdfColor color)
    {
        _content.Append(color.Stroke).Append(' ').Append(PdfText.Number(lineWidth)).Append(" w ").Append(PdfText.Number(x)).Append(' ').Append(PdfText.Number(Height - top - height)).Append(' ');
        _content.Append(PdfText.Number(width)).Append(' ').Append(PdfText.Number(height)).Append(" re S\n");
    }
}
