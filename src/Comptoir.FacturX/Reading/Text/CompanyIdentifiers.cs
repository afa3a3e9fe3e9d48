using System.Globalization;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// Checks of French company identifiers: the SIREN (9 digits) and SIRET (14) carry a Luhn check digit, and a French
/// VAT number is FR + a two-digit key + the SIREN, the key being (12 + 3 × (SIREN mod 97)) mod 97.
/// </summary>
public static class CompanyIdentifiers
{
    /// <summary>The La Poste group's SIRETs do not pass Luhn; their digits sum to a multiple of 5 instead.</summary>
    private const string LaPosteSiren = "356000000";

    public static bool IsSiren(string digits) => digits.Length == 9 && digits.All(char.IsAsciiDigit) && Luhn(digits);

    public static bool IsSiret(string digits) =>
        digits.Length == 14 && digits.All(char.IsAsciiDigit) && IsSiren(digits[..9])
        && (Luhn(digits) || (digits.StartsWith(LaPosteSiren, StringComparison.Ordinal) && digits.Sum(c => c - '0') % 5 == 0));

    /// <summary>True for FR + key + SIREN whose key matches (the numeric key of companies; letter keys are not checked here).</summary>
    public static bool IsFrenchVatNumber(string vat)
    {
        ArgumentNullException.ThrowIfNull(vat);
        if (vat.Length != 13 || !vat.StartsWith("FR", StringComparison.Ordinal) || !vat[2..].All(char.IsAsciiDigit))
        {
            return false;
        }

        var siren = long.Parse(vat[4..], NumberStyles.None, CultureInfo.InvariantCulture);
        var key = int.Parse(vat[2..4], NumberStyles.None, CultureInfo.InvariantCulture);
        return key == (12 + (3 * (siren % 97))) % 97;
    }

    /// <summary>The French VAT number of a SIREN.</summary>
    public static string FrenchVatNumber(string siren)
    {
        ArgumentNullException.ThrowIfNull(siren);
        var key = (12 + (3 * (long.Parse(siren, NumberStyles.None, CultureInfo.InvariantCulture) % 97))) % 97;
        return "FR" + key.ToString("00", CultureInfo.InvariantCulture) + siren;
    }

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
