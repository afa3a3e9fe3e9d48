using System.Xml.Linq;

namespace Comptoir.FacturX.Tests.Support;

/// <summary>
/// Reads a Schematron SVRL report. A failed assert or successful report is an error unless flagged warning or
/// information: the Factur-X stylesheets emit errors without a flag.
/// </summary>
public static class SvrlReport
{
    private static readonly XNamespace Svrl = "http://purl.oclc.org/dsdl/svrl";

    public static IReadOnlyList<string> Errors(string path)
    {
        var document = XDocument.Load(path);
        return document.Descendants()
            .Where(e => e.Name == Svrl + "failed-assert" || e.Name == Svrl + "successful-report")
            .Where(e => ((string?)e.Attribute("flag"))?.ToLowerInvariant() is not ("warning" or "information" or "info"))
            .Select(e => $"{(string?)e.Attribute("id")}: {string.Join(' ', (e.Element(Svrl + "text")?.Value ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}")
            .ToList();
    }
}
