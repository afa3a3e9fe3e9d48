using System.Globalization;

namespace Comptoir.FacturX.Layout;

/// <summary>
/// The scripts the invoice PDF cannot print properly. Its embedded font (DejaVu Sans) has Latin, Greek and Cyrillic
/// and prints them left to right; right-to-left scripts (Arabic, Hebrew, ...) would need bidirectional reordering
/// and, for Arabic, contextual shaping, which the layout does not do, so they would print reversed and unjoined; CJK
/// ideographs, kana and hangul have no glyph in the font (a font that has them is tens of megabytes). Texts in these
/// scripts are refused up front with a clear message rather than printed wrong.
/// </summary>
public static class PrintableScripts
{
    /// <summary>Why <paramref name="text"/> cannot be printed (naming the script and the first character), or null when it can.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            var script = Unsupported(rune.Value);
            if (script is not null)
            {
                return $"{script} text cannot be printed on the invoice PDF (first character U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)} '{rune}'); " +
                    "write it in Latin, Greek or Cyrillic script.";
            }
        }

        return null;
    }

    private static string? Unsupported(int codePoint) => codePoint switch
    {
        >= 0x0590 and <= 0x05FF or >= 0xFB1D and <= 0xFB4F => "Hebrew (right-to-left)",
        >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x08A0 and <= 0x08FF or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF => "Arabic (right-to-left)",
        >= 0x0700 and <= 0x074F or >= 0x0780 and <= 0x07BF or >= 0x07C0 and <= 0x07FF or >= 0x0800 and <= 0x089F => "Right-to-left",
        >= 0x10800 and <= 0x10FFF or >= 0x1E800 and <= 0x1EFFF => "Right-to-left",
        >= 0x1100 and <= 0x11FF or >= 0x3130 and <= 0x318F or >= 0xAC00 and <= 0xD7AF => "Korean (hangul)",
        >= 0x3040 and <= 0x30FF or >= 0x31F0 and <= 0x31FF or >= 0xFF66 and <= 0xFF9F => "Japanese (kana)",
        >= 0x2E80 and <= 0x2FDF or >= 0x3000 and <= 0x303F or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF => "CJK",
        >= 0x20000 and <= 0x3FFFF => "CJK",
        _ => null,
    };

}
