using System.Globalization;
using System.Text;

namespace Comptoir.Server.Domain.Text;

/// <summary>Folds text for case- and accent-insensitive search: "Société Générale" -> "societe generale".</summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c switch
                {
                    'œ' or 'Œ' => "oe",
                    'æ' or 'Æ' => "ae",
                    'ß' => "ss",
                    _ => char.ToLowerInvariant(c).ToString(),
                });
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Escapes LIKE wildcards so user text matches literally (ESCAPE '\').</summary>
    public static string LikeContains(string folded) =>
        "%" + folded.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
