using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http;

/// <summary>
/// Counts the API requests in flight and adds up the time when there was at least one: background work reads from it
/// whether the API is under a sustained load (busy nearly all the time) before it takes a share of what the API needs.
/// </summary>
public sealed class ApiActivity
{
    private readonly Lock _gate = new();
    private int _inFlight;
    private long _busySince;
    private long _busyTicks;

    /// <summary>The time so far when at least one request was in flight.</summary>
    public TimeSpan Busy
    {
        get
        {
            lock (_gate)
            {
                var ticks = _inFlight > 0 ? _busyTicks + (Stopwatch.GetTimestamp() - _busySince) : _busyTicks;
                return Stopwatch.GetElapsedTime(0, ticks);
            }
        }
    }

    public void Started()
    {
        lock (_gate)
        {
            if (_inFlight++ == 0)
            {
                _busySince = Stopwatch.GetTimestamp();
            }
        }
    }

    public void Ended()
    {
        lock (_gate)
        {
            if (--_inFlight == 0)
            {
                _busyTicks += Stopwatch.GetTimestamp() - _busySince;
            }
        }
    }
}

/// <summary>Tells <see cref="ApiActivity"/> of each request, first in the pipeline so that every request counts.</summary>
public sealed class ApiActivityMiddleware(RequestDelegate next, ApiActivity activity)
{
    public async Task InvokeAsync(HttpContext context)
    {
        activity.Started();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            activity.Ended();
        }
    }
}
