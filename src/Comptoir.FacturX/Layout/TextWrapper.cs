using Comptoir.FacturX.Pdf;

namespace Comptoir.FacturX.Layout;

/// <summary>Breaks text into lines that fit a width: at spaces, and inside words that are longer than a line.</summary>
internal static class TextWrapper
{
    public static List<string> Wrap(string? text, PdfFont font, double size, double width)
    {
        var lines = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return lines;
        }

        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            WrapParagraph(Normalize(paragraph), font, size, width, lines);
        }

        return lines;
    }

    private static void WrapParagraph(string paragraph, PdfFont font, double size, double width, List<string> lines)
    {
        if (paragraph.Length == 0)
        {
            lines.Add(string.Empty);
            return;
        }

        var current = string.Empty;
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (font.Measure(candidate, size) <= width)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            current = word;
            while (font.Measure(current, size) > width && current.Length > 1)
            {
                var fit = FitPrefix(current, font, size, width);
                lines.Add(current[..fit]);
                current = current[fit..];
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }
    }

    private static int FitPrefix(string word, PdfFont font, double size, double width)
    {
        var fit = 1;
        while (fit < word.Length && font.Measure(word[..(fit + 1)], size) <= width)
        {
            fit++;
        }

        // Never split a surrogate pair.
        if (fit < word.Length && char.IsLowSurrogate(word[fit]) && fit > 1)
        {
            fit--;
        }

        return fit;
    }

    /// <summary>Tabs and control characters become spaces so hostile input cannot break the layout.</summary>
    private static string Normalize(string text) => new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
}
