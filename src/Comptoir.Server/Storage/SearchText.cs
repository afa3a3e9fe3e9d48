using System.Text;

namespace Comptoir.Server.Storage;

/// <summary>
/// Folds text for case- and accent-insensitive search: "Société Générale" -> "societe generale". The table covers
/// Latin-1 and Latin Extended-A explicitly, because the server runs with invariant globalization (no ICU), where
/// Unicode decomposition is not available.
/// </summary>
public static class SearchText
{
    private static readonly Dictionary<char, string> Folds = Build();

    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Folds.TryGetValue(c, out var folded))
            {
                builder.Append(folded);
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Escapes LIKE wildcards so user text matches literally (ESCAPE '\').</summary>
    public static string LikeContains(string folded) =>
        "%" + folded.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static Dictionary<char, string> Build()
    {
        var groups = new Dictionary<string, string>
        {
            ["a"] = "àáâãäåāăąÀÁÂÃÄÅĀĂĄ",
            ["c"] = "çćĉċčÇĆĈĊČ",
            ["d"] = "ďđÐĎĐ",
            ["e"] = "èéêëēĕėęěÈÉÊËĒĔĖĘĚ",
            ["g"] = "ĝğġģĜĞĠĢ",
            ["h"] = "ĥħĤĦ",
            ["i"] = "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ",
            ["j"] = "ĵĴ",
            ["k"] = "ķĶ",
            ["l"] = "ĺļľŀłĹĻĽĿŁ",
            ["n"] = "ñńņňÑŃŅŇ",
            ["o"] = "òóôõöøōŏőÒÓÔÕÖØŌŎŐ",
            ["r"] = "ŕŗřŔŖŘ",
            ["s"] = "śŝşšŚŜŞŠ",
            ["t"] = "ţťŧŢŤŦ",
            ["u"] = "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ",
            ["w"] = "ŵŴ",
            ["y"] = "ýÿŷÝŶŸ",
            ["z"] = "źżžŹŻŽ",
            ["oe"] = "œŒ",
            ["ae"] = "æÆ",
            ["ss"] = "ß",
            ["th"] = "þÞ",
        };
        var table = new Dictionary<char, string>();
        foreach (var (plain, accented) in groups)
        {
            foreach (var c in accented)
            {
                table[c] = plain;
            }
        }

        // Typographic apostrophes and dashes match their ASCII forms.
        table['\u2019'] = "'";
        table['\u2018'] = "'";
        table['\u2013'] = "-";
        table['\u2014'] = "-";
        return table;
    }
}
