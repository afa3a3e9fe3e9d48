namespace Comptoir.FacturX.Tests.Support;

/// <summary>
/// Finds the official conformance artefacts: COMPTOIR_CONFORMANCE_DIR, else ../shared/conformance next to the
/// repository. Outside CI a missing folder skips the oracle tests with instructions; in CI (CI=true) it fails them.
/// </summary>
public static class ConformanceDirectory
{
    public const string Variable = "COMPTOIR_CONFORMANCE_DIR";

    public static string? Path { get; } = Locate();

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingMessage =>
        $"Official Factur-X artefacts not found. Set {Variable} to the conformance folder (it holds facturx/ and tools/), " +
        "or place it at ../shared/conformance beside the repository; install the validators with " +
        "'apt-get install libsaxonhe-java libxml2-utils poppler-utils qpdf'.";

    public static string Require() => Path ?? throw new InvalidOperationException(MissingMessage);

    public static string Facturx(params string[] parts) => System.IO.Path.Combine([Require(), "facturx", .. parts]);

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? System.IO.Path.GetFullPath(configured) : null;
        }

        var root = RepositoryRoot.Find();
        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared", "conformance"));
        return Directory.Exists(System.IO.Path.Combine(candidate, "facturx")) ? candidate : null;
    }
}

/// <summary>A fact that needs the conformance artefacts: skipped with instructions locally, run (and failing) in CI.</summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (ConformanceDirectory.Path is null && !ConformanceDirectory.InCi)
        {
            Skip = ConformanceDirectory.MissingMessage;
        }
    }
}

/// <summary>A theory that needs the conformance artefacts (see <see cref="ConformanceFactAttribute"/>).</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (ConformanceDirectory.Path is null && !ConformanceDirectory.InCi)
        {
            Skip = ConformanceDirectory.MissingMessage;
        }
    }
}
