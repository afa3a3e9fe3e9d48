using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Comptoir.Server.Jobs;

/// <summary>
/// When a failed job runs again: after its n-th attempt fails it waits <c>BaseDelay · 2^(n-1)</c>, at most
/// <see cref="MaxDelay"/> (which may be days), shortened by up to a quarter so that jobs which failed together do not
/// all come back at the same instant. After <see cref="MaxAttempts"/> attempts the job is marked failed (its
/// last_error kept) and waits for an administrator (<c>comptoir admin jobs retry</c>).
/// </summary>
/// <remarks>
/// The jitter is a hash of the job id and the attempt rather than a random draw: jobs still spread apart, and a test
/// (or someone reading a job row) can compute the exact delay. Since the jitter takes at most a quarter, each delay is
/// longer than the one before until the cap is reached.
/// </remarks>
public sealed class RetrySchedule
{
    /// <summary>The largest share of a delay that jitter takes off.</summary>
    public const double JitterShare = 0.25;

    /// <summary>One attempt, no retry: for a job no handler here can run.</summary>
    public static readonly RetrySchedule None = new(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public RetrySchedule(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>Whether a job whose attempt number <paramref name="attempts"/> failed gets another one.</summary>
    public bool AllowsRetryAfter(long attempts) => attempts < MaxAttempts;

    /// <summary>The back-off after attempt <paramref name="attempts"/> (1 for the first) before jitter.</summary>
    public TimeSpan BackoffAfter(long attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        // Doubles, not ticks: 2^(n-1) overflows a long long before n reaches a schedule's attempt count.
        var ticks = BaseDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 62));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>How long job <paramref name="jobId"/> waits after its attempt <paramref name="attempts"/> failed.</summary>
    public TimeSpan DelayAfter(long attempts, string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var backoff = BackoffAfter(attempts);
        return backoff - TimeSpan.FromTicks((long)(backoff.Ticks * JitterShare * JitterFraction(jobId, attempts)));
    }

    /// <summary>A fraction in [0, 1) that depends only on the job and the attempt.</summary>
    public static double JitterFraction(string jobId, long attempts)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{jobId}:{attempts}")), hash);
        // The top 53 bits make an exactly representable double in [0, 1).
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) / (double)(1UL << 53);
    }

    public override string ToString() =>
        FormattableString.Invariant($"{MaxAttempts} attempts, back-off from {BaseDelay} doubling up to {MaxDelay}");
}
