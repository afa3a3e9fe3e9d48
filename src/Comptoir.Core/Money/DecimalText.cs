using System.Globalization;

namespace Comptoir.Core.Money;

/// <summary>
/// Strict parsing and formatting of the decimal strings the API exchanges ("1100.50", "0.20").
/// Exponents, thousands separators, NaN, infinity, leading '+' and surrounding spaces are refused:
/// a banking API must never guess what "1e3" was meant to be.
/// </summary>
public static class DecimalText
{
    /// <summary>Largest number of digits accepted before the decimal point.</summary>
    public const int MaxIntegerDigits = 15;

    /// <summary>Parses "-12.345" style text. Returns false for anything else.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0m;
        if (string.IsNullOrEmpty(text) || text.Length > 40)
        {
            return false;
        }

        var span = text.AsSpan();
        var start = span[0] == '-' ? 1 : 0;
        var integerDigits = 0;
        var fractionDigits = 0;
        var seenPoint = false;
        for (var i = start; i < span.Length; i++)
        {
            var c = span[i];
            if (c == '.')
            {
                if (seenPoint)
                {
                    return false;
                }

                seenPoint = true;
            }
            else if (c is >= '0' and <= '9')
            {
                if (seenPoint)
                {
                    fractionDigits++;
                }
                else
                {
                    integerDigits++;
                }
            }
            else
            {
                return false;
            }
        }

        if (integerDigits == 0 || (seenPoint && fractionDigits == 0) || integerDigits > MaxIntegerDigits || fractionDigits > 12)
        {
            return false;
        }

        return decimal.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Number of digits after the decimal point that the value carries (trailing zeros ignored).</summary>
    public static int Scale(decimal value)
    {
        value /= 1.000000000000000000000000000000000m; // normalises away trailing zeros
        return (decimal.GetBits(value)[3] >> 16) & 0xFF;
    }

    /// <summary>Formats an amount with exactly two decimals: 1100.5 -> "1100.50".</summary>
    public static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Formats a decimal without trailing zeros and without exponent: 0.200 -> "0.2", 10.0 -> "10".</summary>
    public static string Plain(decimal value)
    {
        var normalized = value / 1.000000000000000000000000000000000m;
        return normalized.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Formats with at least <paramref name="minDecimals"/> decimals and no more than the value needs.</summary>
    public static string AtLeast(decimal value, int minDecimals)
    {
        var scale = Math.Max(Scale(value), minDecimals);
        return value.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
