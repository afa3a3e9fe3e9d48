namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// A word read from a page with its box, in reading coordinates: x grows to the right and y downwards from the top of
/// its page, in any unit as long as one page uses one (PDF points for a text layer, pixels for OCR).
/// </summary>
public sealed record TextWord(string Text, int Page, double Left, double Top, double Right, double Bottom)
{
    public double Height => Bottom - Top;

    public double MiddleY => (Top + Bottom) / 2;
}
