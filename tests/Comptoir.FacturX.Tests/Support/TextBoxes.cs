using System.Globalization;
using System.Xml.Linq;

namespace Comptoir.FacturX.Tests.Support;

/// <summary>One word as poppler's <c>pdftotext -bbox</c> places it on a page, in points from the top left.</summary>
public sealed record WordBox(int Page, string Word, double XMin, double YMin, double XMax, double YMax)
{
    /// <summary>True when the two boxes share area, beyond a tolerance for glyphs whose boxes touch.</summary>
    public bool Overlaps(WordBox other, double tolerance = 0.5) =>
        Page == other.Page
        && XMin + tolerance < other.XMax && other.XMin + tolerance < XMax
        && YMin + tolerance < other.YMax && other.YMin + tolerance < YMax;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p{Page} '{Word}' [{XMin:0.0},{YMin:0.0} - {XMax:0.0},{YMax:0.0}]");
}

/// <summary>Reads the word boxes of a PDF with <c>pdftotext -bbox</c> and finds words drawn over one another.</summary>
public static class TextBoxes
{
    public static IReadOnlyList<WordBox> Of(string pdfPath)
    {
        var run = ExternalTool.Run("pdftotext", ["-bbox", pdfPath, "-"]);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("pdftotext -bbox failed: " + run.Error);
        }

        XNamespace html = "http://www.w3.org/1999/xhtml";
        var document = XDocument.Parse(run.Output);
        var words = new List<WordBox>();
        var pageNumber = 0;
        foreach (var page in document.Descendants(html + "page"))
        {
            pageNumber++;
            foreach (var word in page.Elements(html + "word"))
            {
                double Read(string name) => double.Parse(word.Attribute(name)!.Value, CultureInfo.InvariantCulture);
                words.Add(new WordBox(pageNumber, word.Value, Read("xMin"), Read("yMin"), Read("xMax"), Read("yMax")));
            }
        }

        return words;
    }

    /// <summary>Every pair of words whose boxes intersect.</summary>
    public static List<(WordBox First, WordBox Second)> Overlapping(IReadOnlyList<WordBox> words)
    {
        var pairs = new List<(WordBox, WordBox)>();
        for (var i = 0; i < words.Count; i++)
        {
            for (var j = i + 1; j < words.Count; j++)
            {
                if (words[i].Overlaps(words[j]))
                {
                    pairs.Add((words[i], words[j]));
                }
            }
        }

        return pairs;
    }

    /// <summary>How many pages the PDF has, from the same output.</summary>
    public static int PageCount(string pdfPath)
    {
        var run = ExternalTool.Run("pdfinfo", [pdfPath]);
        var line = run.Output.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
