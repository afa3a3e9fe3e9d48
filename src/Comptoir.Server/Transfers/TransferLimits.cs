namespace Comptoir.Server.Transfers;

/// <summary>The public API's transfer rules, in cents.</summary>
[PublicSurface]
public static class TransferLimits
{
    /// <summary>Above this, a transfer needs at least one attachment.</summary>
    public const long AttachmentRequiredAboveCents = 3_000_000;

    /// <summary>Instant transfers fall back to standard SEPA above this per transfer...</summary>
    public const long InstantPerTransferCents = 1_000_000;

    /// <summary>...or above this within 24 hours.</summary>
    public const long InstantPer24HoursCents = 5_000_000;

    /// <summary>Largest single transfer accepted.</summary>
    public const long MaxTransferCents = 100_000_000_00;

    /// <summary>How long an instant transfer takes to settle.</summary>
    public static readonly TimeSpan InstantSettlement = TimeSpan.FromSeconds(2);

    /// <summary>Standard SEPA settles on the next business day (Monday to Friday) at 09:00 UTC after <paramref name="from"/>.</summary>
    public static DateTimeOffset NextBusinessDay(DateTimeOffset from)
    {
        var day = from.UtcDateTime.Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.AddHours(9), TimeSpan.Zero);
    }
}
