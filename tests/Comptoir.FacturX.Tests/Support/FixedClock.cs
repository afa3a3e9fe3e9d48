namespace Comptoir.FacturX.Tests.Support;

/// <summary>A clock stopped at one instant, so generated files are reproducible.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly FixedClock Default = new(new DateTimeOffset(2026, 3, 19, 20, 30, 1, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
