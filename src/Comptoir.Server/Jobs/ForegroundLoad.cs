using System.Diagnostics;
using Comptoir.Server.Http;

namespace Comptoir.Server.Jobs;

/// <summary>
/// Tells background work when to stay out of the API's way: when the API is under a sustained load (requests in flight
/// <see cref="SustainedShare"/> of the time or more) and what its requests need is mostly taken (the SQLite writer
/// busy, or the machine's CPU taken by normal-priority work, <see cref="NearlyFullShare"/> of the time or more).
/// Neither alone is reason enough: a busy API with room to spare (its requests wait on PostgreSQL) leaves that room to
/// the background, and a writer or CPU busy with background work alone (a backlog draining while the API is idle)
/// must go on. Each share is read over the time since the previous reading (at least <see cref="MinimumReading"/>).
/// </summary>
public sealed class ForegroundLoad(ApiActivity api, Func<TimeSpan?> writerBusy, CpuPressure cpu)
{
    public const double SustainedShare = 0.9;

    public const double NearlyFullShare = 0.75;

    public static readonly TimeSpan MinimumReading = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private readonly BusyShare _api = new(() => api.Busy);
    private readonly BusyShare _writer = new(writerBusy);

    /// <summary>Whether the API has had requests in flight nearly all the time lately.</summary>
    public bool ApiIsBusy()
    {
        lock (_gate)
        {
            return _api.Read() >= SustainedShare;
        }
    }

    /// <summary>Whether the SQLite writer or the machine's CPU has been mostly taken lately.</summary>
    public bool NearlyFull()
    {
        lock (_gate)
        {
            // Both read each time, so that each reading covers the same span.
            var writer = _writer.Read();
            var processors = cpu.Read();
            return writer >= NearlyFullShare || processors >= NearlyFullShare;
        }
    }

    // The share of wall-clock time a running total of busy time grew by since the previous reading; 0 where there is none.
    private sealed class BusyShare(Func<TimeSpan?> busy)
    {
        private readonly CumulativeShare _share = new(MinimumReading.TotalSeconds);

        public double Read() => busy() is { } now ? _share.Read(now.TotalSeconds, (double)Stopwatch.GetTimestamp() / Stopwatch.Frequency) ?? 0 : 0;
    }
}
