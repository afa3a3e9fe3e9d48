using System.Collections.Concurrent;

namespace Comptoir.Server.Http.RateLimiting;

/// <summary>Counts events per key in fixed windows; thread-safe, with stale keys swept as it goes.</summary>
public sealed class FixedWindowCounter(TimeSpan window, int limit)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    public TimeSpan Length { get; } = window;

    public int Limit { get; } = limit;

    /// <summary>Counts one event; returns how long to wait when the key is over its limit, else null.</summary>
    public TimeSpan? Hit(string key, DateTimeOffset now) => Check(key, now, increment: true);

    /// <summary>How long to wait when the key is already over its limit, without counting.</summary>
    public TimeSpan? Peek(string key, DateTimeOffset now) => Check(key, now, increment: false);

    private TimeSpan? Check(string key, DateTimeOffset now, bool increment)
    {
        Sweep(now);
        var start = now.UtcTicks - (now.UtcTicks % Length.Ticks);
        var entry = _windows.AddOrUpdate(key,
            _ => new Window(start, increment ? 1 : 0),
            (_, current) => current.Start == start ? current with { Count = current.Count + (increment ? 1 : 0) } : new Window(start, increment ? 1 : 0));
        if (entry.Count <= Limit)
        {
            return null;
        }

        return TimeSpan.FromTicks(start + Length.Ticks - now.UtcTicks);
    }

    private void Sweep(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < Length.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        var cutoff = now.UtcTicks - Length.Ticks;
        foreach (var (key, value) in _windows)
        {
            if (value.Start < cutoff)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed record Window(long Start, int Count);
}
