namespace Comptoir.Core.Money;

/// <summary>Rounding as EN 16931 and French accounting practice require: half away from zero.</summary>
public static class Rounding
{
    /// <summary>Rounds to cents (2 decimals), half away from zero: 0.125 -> 0.13, -0.125 -> -0.13.</summary>
    public static decimal ToCents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Converts an amount already rounded to 2 decimals into integer cents.</summary>
    /// <exception cref="ArgumentException">The amount has more than 2 decimals.</exception>
    public static long ToCentsInteger(decimal amount)
    {
        var scaled = amount * 100m;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException($"{amount} has more than 2 decimals.", nameof(amount));
        }

        return checked((long)scaled);
    }

    /// <summary>Converts integer cents back into a decimal amount with 2 decimals.</summary>
    public static decimal FromCents(long cents) => decimal.Divide(cents, 100m) + 0.00m;
}
