namespace Comptoir.Server.Tests.Support;

/// <summary>
/// The official e-invoice samples of the conformance folder (COMPTOIR_CONFORMANCE_DIR, else ../shared/conformance
/// beside the repository). Tests over them are skipped with a message when it is missing, and fail in CI.
/// </summary>
public static class ConformanceSamples
{
    public static string? Facturx { get; } = Locate();

    public static string MissingMessage => "Official samples not found: set COMPTOIR_CONFORMANCE_DIR to the conformance folder (it holds facturx/).";

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("COMPTOIR_CONFORMANCE_DIR");
        var root = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "conformance");
        var facturx = Path.GetFullPath(Path.Combine(root, "facturx"));
        return Directory.Exists(facturx) ? facturx : null;
    }
}

/// <summary>A theory over the official samples: skipped when they are missing, unless in CI.</summary>
public sealed class ConformanceSamplesTheoryAttribute : TheoryAttribute
{
    public ConformanceSamplesTheoryAttribute()
    {
        if (ConformanceSamples.Facturx is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = ConformanceSamples.MissingMessage;
        }
    }
}
