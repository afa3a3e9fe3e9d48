using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Comptoir.Server.Http.Errors;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.RateLimiting;

/// <summary>
/// The public API's limits, per client (its credential, else its address): 1,000 requests per 10 s and 10,000 per
/// 10 min. Over a limit: 429 with Retry-After. Failed authentication is throttled per (address, claimed identity):
/// after more than 200 answers of 401 in an hour, further failures from that address for that organization slug
/// (or for bearer tokens) answer 429, while a correct credential still gets in, so a stranger's failures never lock
/// out a valid key, even behind a proxy. Counters live in each process: behind a load balancer with N processes a
/// client gets up to N times the limit, the price of not adding a shared store to every request.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, ServerOptions options, TimeProvider clock)
{
    private readonly FixedWindowCounter _short = new(TimeSpan.FromSeconds(10), options.RequestsPer10Seconds);
    private readonly FixedWindowCounter _long = new(TimeSpan.FromMinutes(10), options.RequestsPer10Minutes);
    private readonly FixedWindowCounter _unauthorized = new(TimeSpan.FromHours(1), 200);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v2"))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var now = clock.GetUtcNow();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var client = ClientKey(context, address);
        var wait = _short.Hit(client, now) ?? _long.Hit(client, now);
        if (wait is { } retryAfter)
        {
            throw TooMany(retryAfter);
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Status == StatusCodes.Status401Unauthorized)
        {
            var failures = FailureKey(context, address);
            if (_unauthorized.Peek(failures, now) is { } lockedFor)
            {
                throw TooMany(lockedFor);
            }

            _unauthorized.Hit(failures, now);
            throw;
        }
    }

    private static ApiException TooMany(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var error = new ApiException(429, new ApiError("rate_limited", $"Too many requests; retry after {seconds} s."));
        error.Headers["Retry-After"] = seconds;
        return error;
    }

    /// <summary>The address and the identity a failed request claimed: the slug of an API key, else the scheme.</summary>
    private static string FailureKey(HttpContext context, string address)
    {
        var authorization = context.Request.Headers.Authorization.ToString().Trim();
        var claimed = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "bearer"
            : authorization.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? "key:" + authorization[..Math.Min(colon, 100)]
            : "none";
        return address + "|" + claimed;
    }

    private static string ClientKey(HttpContext context, string address)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.Length == 0
            ? "ip:" + address
            : "cred:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)), 0, 12);
    }
}
