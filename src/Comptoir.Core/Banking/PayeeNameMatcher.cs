using System.Text;

namespace Comptoir.Core.Banking;

/// <summary>Verification of Payee outcomes, as the API names them.</summary>
public enum PayeeMatch
{
    Match,
    CloseMatch,
    NoMatch,
}

/// <summary>
/// Compares the name a payer typed with the account holder's registered name, the way a bank would defend it:
/// case, accents, punctuation, legal-form words (SAS, SARL, GmbH, Ltd, ...) and word order do not matter; a small
/// typo (at most one edit per eight letters, at least one) is a close match; anything else is no match.
/// Examples (docs/payee-verification.md): "ACME SAS" = "Acme"; "Dupont Jean" = "Jean Dupont"; "Société Générale" =
/// "SOCIETE GENERALE SA"; "Jean Dupond" ~ "Jean Dupont"; "Jean Martin" is not "Jean Dupont".
/// </summary>
public static class PayeeNameMatcher
{
    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "sas", "sasu", "sarl", "eurl", "sa", "sci", "snc", "scop", "sca", "scs", "sel", "selarl", "gie", "ei", "eirl",
        "gmbh", "ag", "kg", "ohg", "ug", "ev", "ltd", "limited", "llc", "llp", "plc", "inc", "incorporated", "corp", "corporation", "co",
        "company", "bv", "nv", "srl", "spa", "sl", "sau", "slu", "oy", "ab", "as", "aps", "sro", "sp", "zoo",
    };

    public static PayeeMatch Compare(string typed, string registered)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(registered);
        var a = Canonical(typed);
        var b = Canonical(registered);
        if (a.Length == 0 || b.Length == 0)
        {
            return PayeeMatch.NoMatch;
        }

        if (a == b)
        {
            return PayeeMatch.Match;
        }

        var allowed = Math.Max(1, Math.Max(a.Length, b.Length) / 8);
        return Distance(a, b, allowed) <= allowed ? PayeeMatch.CloseMatch : PayeeMatch.NoMatch;
    }

    /// <summary>Lower-case ASCII words without legal forms, sorted, joined by one space.</summary>
    public static string Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            folded.Append(Fold(c));
        }

        var words = folded.ToString()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !LegalForms.Contains(w))
            .Order(StringComparer.Ordinal);
        return string.Join(' ', words);
    }

    private static string Fold(char c)
    {
        if (char.IsAsciiLetterOrDigit(c))
        {
            return char.ToLowerInvariant(c).ToString();
        }

        var index = Accented.IndexOf(c, StringComparison.Ordinal);
        if (index >= 0)
        {
            return Plain[index].ToString();
        }

        return c switch
        {
            'œ' or 'Œ' => "oe",
            'æ' or 'Æ' => "ae",
            'ß' => "ss",
            '&' => " et ",
            '\'' or '’' or '.' => string.Empty, // "L'Atelier" = "LAtelier", "S.A.S." = "SAS"
            _ => " ",
        };
    }

    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįĵķĺļľłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżžÀÁÂÃÄÅĀĂĄÇĆĈĊČĎĐÈÉÊËĒĔĖĘĚĜĞĠĢĤĦÌÍÎÏĨĪĬĮĴĶĹĻĽŁÑŃŅŇÒÓÔÕÖØŌŎŐŔŖŘŚŜŞŠŢŤŦÙÚÛÜŨŪŬŮŰŲŴÝŶŸŹŻŽ";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiijkllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzzaaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiijkllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    /// <summary>Levenshtein distance, stopping early once it exceeds <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                best = Math.Min(best, current[j]);
            }

            if (best > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
