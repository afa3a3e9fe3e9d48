namespace Comptoir.Core.Money;

/// <summary>Rounding as EN 16931 and French accounting practice require: half away from zero.</summary>
public static class Rounding
{
    /// <summary>The largest amount <see cref="ToCentsInteger"/> converts: long.MaxValue cents.</summary>
    public static decimal MaxCentsAmount { get; } = decimal.Divide(long.MaxValue, 100m);

    /// <summary>Rounds to cents (2 decimals), half away from zero: 0.125 -> 0.13, -0.125 -> -0.13.</summary>
    public static decimal ToCents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Converts an amount already rounded to 2 decimals into integer cents.</summary>
    /// <exception cref="ArgumentException">The amount has more than 2 decimals.</exception>
    /// <exception cref="OverflowException">The amount does not fit in 64-bit cents; callers bound their totals first.</exception>
    public static long ToCentsInteger(decimal amount)
    {
        if (Math.Abs(amount) > MaxCentsAmount)
        {
            throw new OverflowException($"{amount} is too large to count in 64-bit cents (at most {MaxCentsAmount}).");
        }

        var scaled = amount * 100m;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException($"{amount} has more than 2 decimals.", nameof(amount));
        }

        return (long)scaled;
    }

    /// <summary>Converts integer cents back into a decimal amount with 2 decimals.</summary>
    public static decimal FromCents(long cents) => decimal.Divide(cents, 100m) + 0.00m;
}
