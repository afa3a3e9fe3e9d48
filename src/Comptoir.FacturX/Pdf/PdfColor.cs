using System.Globalization;

namespace Comptoir.FacturX.Pdf;

/// <summary>An sRGB colour, each component 0..1.</summary>
public readonly record struct PdfColor(double R, double G, double B)
{
    public static readonly PdfColor Black = new(0, 0, 0);

    public static PdfColor Gray(double level) => new(level, level, level);

    internal string Fill => string.Create(CultureInfo.InvariantCulture, $"{PdfText.Number(R)} {PdfText.Number(G)} {PdfText.Number(B)} rg");

    internal string Stroke => string.Create(CultureInfo.InvariantCulture, $"{PdfText.Number(R)} {PdfText.Number(G)} {PdfText.Number(B)} RG");
}
