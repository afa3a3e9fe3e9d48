using System.Text.RegularExpressions;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// Finds the supplier's name, in this order: after a label ("Fournisseur", "From", "Seller"); a line outside the
/// buyer's block that carries a legal form (SARL, SAS, Ltd, GmbH...), from the top of the first page down to the
/// legal footer; else the first line of the first page that is no title, label, date or amount.
/// </summary>
internal static partial class SupplierNames
{
    /// <summary>How many lines from the top the plain first-line fallback looks at.</summary>
    private const int HeaderLines = 8;

    public static string? Find(TextDocument document)
    {
        foreach (var label in Labels.SupplierName)
        {
            var found = LabelledValues.Find<string>(document, label, ValueReaders.Name).FirstOrDefault(v => !document.IsBuyer(v.Line, v.Segment));
            if (found is not null)
            {
                return found.Value;
            }
        }

        return WithLegalForm(document) ?? FirstHeaderLine(document);
    }

    /// <summary>Cuts what follows a name in a header or a footer: capital, address, identifiers.</summary>
    public static string Clean(string text)
    {
        var cut = NameEnd().Match(text);
        var name = cut.Success ? text[..cut.Index] : text;
        return name.Trim(' ', ',', '-', ':', '.', '|', '\u2013', '\u2014').Trim();
    }

    private static string? WithLegalForm(TextDocument document)
    {
        for (var i = 0; i < document.Lines.Count; i++)
        {
            var segments = document.Lines[i].Segments;
            for (var j = 0; j < segments.Count; j++)
            {
                if (document.IsBuyer(i, j))
                {
                    continue;
                }

                var text = segments[j].Text;
                var form = LegalForm().Match(text);
                if (form.Success && ValueReaders.Name(text, out var name) && LegalForm().IsMatch(name) && name.Length <= 80)
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static string? FirstHeaderLine(TextDocument document)
    {
        for (var i = 0; i < Math.Min(HeaderLines, document.Lines.Count) && document.Lines[i].Page == document.Lines[0].Page; i++)
        {
            var segment = document.Lines[i].Segments[0];
            var folded = document.Folded[i][0];
            if (document.IsBuyer(i, 0) || Labels.Title.IsMatch(folded) || segment.Text.Contains(':', StringComparison.Ordinal)
                || DateText.FindAll(segment.Text).Count > 0 || segment.Text.Count(char.IsAsciiDigit) > 3)
            {
                continue;
            }

            if (ValueReaders.Name(segment.Text, out var name))
            {
                return name;
            }
        }

        return null;
    }

    // Legal forms of companies, as written (upper case for the French ones, so that "sa" the word is not one).
    [GeneratedRegex(@"(?<![\w.])(?:SARL|SAS|SASU|EURL|SA|SCI|SNC|SCOP|SCP|SELARL|SELAS|EIRL|GIE|S\.A\.S\.?|S\.A\.R\.L\.?|S\.A\.|Ltd\.?|LTD|Limited|LLP|LLC|Inc\.?|INC|GmbH|GMBH|PLC|plc|B\.?V\.?|N\.?V\.?|SRL|S\.L\.|SpA|AG|Corp\.?)(?![\w])")]
    private static partial Regex LegalForm();

    // Where a name ends in a header or footer line: its capital, its registration, an address after a dash.
    [GeneratedRegex(@"(?:,|\s[-\u2013\u2014|•·]\s|\s(?:au\s+capital|capital|RCS|R\.C\.S|SIRE[NT]|TVA|VAT|N°|Tél|Tel\.?|Phone|Email|E-mail|IBAN|Company\s+(?:number|no))(?![\w])|\s\d{1,4}[, ]+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|route|street|road|lane)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex NameEnd();
}
