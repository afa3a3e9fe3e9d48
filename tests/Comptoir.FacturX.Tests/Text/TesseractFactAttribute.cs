using Comptoir.FacturX.Reading.Text;

namespace Comptoir.FacturX.Tests.Text;

/// <summary>A test that needs Tesseract: skipped on a developer's machine without it, run (and failing) on CI, which installs it.</summary>
public sealed class TesseractFactAttribute : FactAttribute
{
    public TesseractFactAttribute()
    {
        if (TesseractOcr.Installed is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "tesseract is not installed (scripts/install-prerequisites installs tesseract-ocr with its fra and eng data)";
        }
    }
}
