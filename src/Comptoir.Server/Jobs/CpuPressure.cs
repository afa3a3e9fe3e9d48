using System.Globalization;

namespace Comptoir.Server.Jobs;

/// <summary>
/// How much of the machine's CPU normal-priority work took since the last reading, from Linux's <c>/proc/stat</c>:
/// user, system, interrupt and stolen time over all time. Time spent by low-priority threads (<see cref="BackgroundCpu"/>)
/// is counted by the kernel as "nice" and left out: it gives way by itself.
/// </summary>
public sealed class CpuPressure
{
    // /proc/stat counts in ticks of 10 ms per core: a reading over fewer ticks than this says too little.
    private const long MinimumTicks = 10;

    private readonly Func<string?> _readStat;
    private readonly CumulativeShare _share = new(MinimumTicks);

    public CpuPressure()
        : this(ReadProcStat)
    {
    }

    /// <param name="readStat">The text of <c>/proc/stat</c> (its first line suffices), or null where there is none.</param>
    public CpuPressure(Func<string?> readStat) => _readStat = readStat ?? throw new ArgumentNullException(nameof(readStat));

    /// <summary>
    /// The share (0 to 1) of all cores that normal-priority work took since the previous reading that moved the
    /// baseline; the previous share while too little time has passed to tell; null where it cannot be read.
    /// Not thread-safe: one reader.
    /// </summary>
    public double? Read() => Parse(_readStat()) is { } now ? _share.Read(now.Busy, now.Total) : null;

    /// <summary>The busy and total ticks of the aggregate "cpu" line, or null when the text has none.</summary>
    public static (long Busy, long Total)? Parse(string? stat)
    {
        if (string.IsNullOrEmpty(stat) || !stat.StartsWith("cpu ", StringComparison.Ordinal))
        {
            return null;
        }

        var end = stat.IndexOf('\n', StringComparison.Ordinal);
        var fields = stat[4..(end < 0 ? stat.Length : end)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal (guest time is inside user already).
        if (fields.Length < 8)
        {
            return null;
        }

        var ticks = new long[8];
        for (var i = 0; i < 8; i++)
        {
            if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i]))
            {
                return null;
            }
        }

        var busy = ticks[0] + ticks[2] + ticks[5] + ticks[6] + ticks[7];
        return (busy, ticks.Sum());
    }

    private static string? ReadProcStat()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return reader.ReadLine();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
