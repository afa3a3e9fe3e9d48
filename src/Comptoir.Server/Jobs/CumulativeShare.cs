namespace Comptoir.Server.Jobs;

/// <summary>
/// How much one ever-growing count grew against another since the previous reading: the share of time a running total
/// of busy time says was busy. A reading over less than <paramref name="minimumSpan"/> of the second count says too
/// little: it keeps the previous share and the baseline. Not thread-safe: one reader.
/// </summary>
internal sealed class CumulativeShare(double minimumSpan)
{
    private (double Part, double Whole)? _baseline;
    private double? _share;

    /// <summary>The share (0 to 1) since the baseline; null until a second reading spans enough.</summary>
    public double? Read(double part, double whole)
    {
        if (_baseline is { } before)
        {
            if (whole - before.Whole < minimumSpan)
            {
                return _share;
            }

            _share = Math.Clamp((part - before.Part) / (whole - before.Whole), 0, 1);
        }

        _baseline = (part, whole);
        return _share;
    }
}
