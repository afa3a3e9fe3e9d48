using System.Globalization;
using System.Text;

namespace Comptoir.Core.Banking;

/// <summary>
/// ISO 13616 IBANs: structure (country, check digits, BBAN of the country's length, letters and digits only) and
/// the ISO 7064 mod-97 check. <see cref="Validate"/> says what is wrong in words a user can act on.
/// </summary>
public static class Iban
{
    /// <summary>IBAN lengths of the SEPA countries and territories (SWIFT IBAN registry).</summary>
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AT"] = 20, ["BE"] = 16, ["BG"] = 22, ["CH"] = 21, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18,
        ["EE"] = 20, ["ES"] = 24, ["FI"] = 18, ["FR"] = 27, ["GB"] = 22, ["GI"] = 23, ["GR"] = 27, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IS"] = 26, ["IT"] = 27, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MT"] = 31,
        ["NL"] = 18, ["NO"] = 15, ["PL"] = 28, ["PT"] = 25, ["RO"] = 24, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27,
        ["VA"] = 22, ["GF"] = 27, ["GP"] = 27, ["MQ"] = 27, ["RE"] = 27, ["PM"] = 27, ["YT"] = 27, ["BL"] = 27, ["MF"] = 27,
        ["NC"] = 27, ["PF"] = 27, ["WF"] = 27, ["TF"] = 27, ["GG"] = 22, ["JE"] = 22, ["IM"] = 22,
    };

    /// <summary>Removes spaces and upper-cases: "fr76 1695 ..." -> "FR761695...".</summary>
    public static string Normalize(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        return string.Concat(iban.Where(c => c != ' ' && c != '\u00A0')).ToUpperInvariant();
    }

    public static bool IsValid(string? iban) => iban is not null && Validate(iban) is null;

    /// <summary>Null when valid; otherwise why not.</summary>
    public static string? Validate(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        var value = Normalize(iban);
        if (value.Length < 5)
        {
            return "is too short to be an IBAN.";
        }

        if (!value.All(char.IsAsciiLetterOrDigit))
        {
            return "may only contain letters and digits.";
        }

        var country = value[..2];
        if (!char.IsAsciiLetter(country[0]) || !char.IsAsciiLetter(country[1]) || !char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3]))
        {
            return "must start with a country code and two check digits (e.g. FR76).";
        }

        if (!Lengths.TryGetValue(country, out var length))
        {
            return $"country {country} is not in the SEPA area.";
        }

        if (value.Length != length)
        {
            return $"a {country} IBAN has {length} characters, this one has {value.Length}.";
        }

        return Mod97(value[4..] + value[..4]) == 1 ? null : "has wrong check digits (mod-97 check failed).";
    }

    /// <summary>Builds an IBAN from a country and BBAN, computing the check digits.</summary>
    public static string FromBban(string country, string bban)
    {
        ArgumentNullException.ThrowIfNull(country);
        ArgumentNullException.ThrowIfNull(bban);
        var check = 98 - Mod97(bban.ToUpperInvariant() + country.ToUpperInvariant() + "00");
        return country.ToUpperInvariant() + check.ToString("00", CultureInfo.InvariantCulture) + bban.ToUpperInvariant();
    }

    /// <summary>A French IBAN from bank code (5), branch code (5) and account number (11), with the RIB key.</summary>
    public static string French(string bank, string branch, string account)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(account);
        var key = 97 - (int)((89 * long.Parse(RibDigits(bank), CultureInfo.InvariantCulture)
            + 15 * long.Parse(RibDigits(branch), CultureInfo.InvariantCulture)
            + 3 * (long)(decimal.Parse(RibDigits(account), CultureInfo.InvariantCulture) % 97)) % 97);
        return FromBban("FR", bank + branch + account + key.ToString("00", CultureInfo.InvariantCulture));
    }

    /// <summary>Groups by four for display: "FR76 1695 8000 ...".</summary>
    public static string Format(string iban) => string.Join(' ', Normalize(iban).Chunk(4).Select(c => new string(c)));

    /// <summary>ISO 7064 mod 97-10 over letters (A=10..Z=35) and digits, streamed to avoid big integers.</summary>
    private static int Mod97(string value)
    {
        var remainder = 0;
        foreach (var c in value)
        {
            var digits = char.IsAsciiDigit(c) ? c - '0' : char.ToUpperInvariant(c) - 'A' + 10;
            remainder = digits >= 10 ? ((remainder * 100) + digits) % 97 : ((remainder * 10) + digits) % 97;
        }

        return remainder;
    }

    /// <summary>The RIB key converts letters to digits (A,J=1; B,K,S=2; ...).</summary>
    private static string RibDigits(string part)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var c in part.ToUpperInvariant())
        {
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                <= 'I' => c - 'A' + 1,
                <= 'R' => c - 'J' + 1,
                _ => c - 'S' + 2,
            };
            builder.Append((char)('0' + value));
        }

        return builder.ToString();
    }
}
