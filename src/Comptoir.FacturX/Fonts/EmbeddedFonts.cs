
namespace Comptoir.FacturX.Fonts;

/// <summary>The font families shipped as resources (DejaVu Sans, Bitstream Vera licence: see Resources/LICENSE-DejaVu.txt).</summary>
public static class EmbeddedFonts
{
    private static readonly Lazy<TrueTypeFont> RegularFont = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<TrueTypeFont> BoldFont = new(() => Load("DejaVuSans-Bold.ttf"));

    public static TrueTypeFont Regular => RegularFont.Value;

    public static TrueTypeFont Bold => BoldFont.Value;

    private static TrueTypeFont Load(string fileName)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream("Comptoir.FacturX.Resources." + fileName)
            ?? throw new InvalidOperationException($"Font resource {fileName} is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return TrueTypeFont.Parse(buffer.ToArray());
    }
}
