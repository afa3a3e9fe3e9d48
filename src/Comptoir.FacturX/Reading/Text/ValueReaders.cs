using System.Text;
using System.Text.RegularExpressions;
using Comptoir.Core.Banking;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>Reads one value of a kind from the start of a label's value text (<see cref="ValueReader{T}"/>s).</summary>
internal static partial class ValueReaders
{
    private const int MaxNumberTokens = 3;

    private static readonly HashSet<string> EuVatPrefixes = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI", "GB", "CH"];

    /// <summary>The first amount, dates blanked out first so that 12/03/2026 gives no 2026.</summary>
    public static bool Amount(string text, out decimal value)
    {
        var blanked = new StringBuilder(text);
        foreach (var date in DateText.FindAll(text))
        {
            for (var i = date.Index; i < date.Index + date.Length; i++)
            {
                blanked[i] = ' ';
            }
        }

        var found = AmountText.FindAll(blanked.ToString());
        value = found.Count > 0 ? found[0].Value : 0m;
        return found.Count > 0;
    }

    public static bool Date(string text, out DateOnly value)
    {
        var found = DateText.FindAll(text);
        value = found.Count > 0 ? found[0].Value : default;
        return found.Count > 0;
    }

    /// <summary>An invoice number: among the first few words, one of letters, digits and - / _ . holding a digit and not a date.</summary>
    public static bool InvoiceNumber(string text, out string value)
    {
        foreach (var raw in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxNumberTokens))
        {
            var token = raw.Trim(':', '#', '.', ',', ';', ')', '(', '°');
            if (token.Length is >= 2 and <= 40 && NumberToken().IsMatch(token) && token.Any(char.IsAsciiDigit) && DateText.FindAll(token).Count == 0)
            {
                value = token;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>A name: the text up to a separator, holding at least two letters and not a label of another field.</summary>
    public static bool Name(string text, out string value)
    {
        value = SupplierNames.Clean(text);
        return value.Count(char.IsLetter) >= 2 && !Labels.AnyField().IsMatch(TextFolding.Fold(value)) && !Labels.Title.IsMatch(TextFolding.Fold(value));
    }

    /// <summary>A SIREN, or the SIREN of a SIRET, Luhn checked.</summary>
    public static bool Siren(string text, out string value)
    {
        foreach (Match match in SirenDigits().Matches(text))
        {
            var digits = string.Concat(match.Value.Where(char.IsAsciiDigit));
            if (CompanyIdentifiers.IsSiren(digits) || CompanyIdentifiers.IsSiret(digits))
            {
                value = digits[..9];
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>A VAT number: French with its key checked, or another EU country's by its shape.</summary>
    public static bool VatNumber(string text, out string value) => FrenchVat(text, out value) || OtherVat(text, out value);

    public static bool FrenchVat(string text, out string value)
    {
        foreach (Match match in FrenchVatShape().Matches(text.ToUpperInvariant()))
        {
            var compact = string.Concat(match.Value.Where(char.IsAsciiLetterOrDigit));
            if (CompanyIdentifiers.IsFrenchVatNumber(compact))
            {
                value = compact;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    private static bool OtherVat(string text, out string value)
    {
        foreach (Match match in OtherVatShape().Matches(text.ToUpperInvariant()))
        {
            var compact = match.Value.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (EuVatPrefixes.Contains(compact[..2]) && compact.Skip(2).Count(char.IsAsciiDigit) >= 6 && !Iban.IsValid(compact))
            {
                value = compact;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>The first mod-97 valid IBAN in the text, spaces between its groups allowed.</summary>
    public static bool IbanIn(string text, out string value)
    {
        var upper = text.ToUpperInvariant();
        foreach (Match start in IbanStart().Matches(upper))
        {
            var compact = new StringBuilder();
            for (var i = start.Index; i < upper.Length && compact.Length < 34; i++)
            {
                var c = upper[i];
                if (char.IsAsciiLetterOrDigit(c))
                {
                    compact.Append(c);
                    if (compact.Length >= 15 && Iban.IsValid(compact.ToString()))
                    {
                        value = compact.ToString();
                        return true;
                    }
                }
                else if (c is not (' ' or '\u00A0' or '-') || (i > 0 && upper[i - 1] is ' ' or '\u00A0'))
                {
                    break; // a separator other than one space between groups ends the IBAN
                }
            }
        }

        value = string.Empty;
        return false;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9/_.\-]*$")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"(?<!\d)\d{3}[ \u00A0.]?\d{3}[ \u00A0.]?\d{3}(?:[ \u00A0.]?\d{5})?(?!\d)")]
    private static partial Regex SirenDigits();

    [GeneratedRegex(@"(?<![A-Z0-9])FR[ \u00A0]?[0-9A-Z]{2}[ \u00A0]?\d{3}[ \u00A0]?\d{3}[ \u00A0]?\d{3}(?![0-9])")]
    private static partial Regex FrenchVatShape();

    [GeneratedRegex(@"(?<![A-Z0-9])[A-Z]{2}[ \u00A0]?[0-9A-Z]{8,12}(?![A-Z0-9])")]
    private static partial Regex OtherVatShape();

    [GeneratedRegex(@"(?<![A-Z0-9])[A-Z]{2}\d{2}")]
    private static partial Regex IbanStart();
}
