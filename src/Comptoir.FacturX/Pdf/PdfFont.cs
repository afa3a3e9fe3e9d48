using Comptoir.FacturX.Fonts;

namespace Comptoir.FacturX.Pdf;

/// <summary>A font as one document uses it: its resource name and the subset of glyphs drawn so far.</summary>
public sealed class PdfFont
{
    internal PdfFont(string resourceName, TrueTypeFont font)
    {
        ResourceName = resourceName;
        Subset = new FontSubset(font);
    }

    public string ResourceName { get; }

    public FontSubset Subset { get; }

    /// <summary>Width of <paramref name="text"/> at <paramref name="size"/> points.</summary>
    public double Measure(string text, double size) => Subset.Font.Measure(text, size);

    /// <summary>Distance from baseline to the top of capitals, in points.</summary>
    public double CapHeight(double size) => Subset.Font.CapHeight * size / Subset.Font.UnitsPerEm;
}
