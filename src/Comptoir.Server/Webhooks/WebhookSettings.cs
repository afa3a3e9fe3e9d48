using System.Net;

namespace Comptoir.Server.Webhooks;

/// <summary>How webhooks are delivered (the `comptoir serve` webhook options).</summary>
public sealed record WebhookSettings
{
    /// <summary>
    /// Accept http:// callbacks on loopback hosts, and deliveries to loopback addresses (also on with --sandbox): a
    /// developer's local receiver.
    /// </summary>
    public bool AllowLoopback { get; init; }

    /// <summary>Networks that deliveries may reach although they are private, link-local or loopback (CIDR ranges).</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; init; } = [];

    /// <summary>A delivery counts when a 2xx answer arrives within this time (connection included).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a TCP and TLS connection may take (never more than <see cref="Timeout"/> in effect).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a failing delivery is retried, from its event (or from a manual retry) before it is marked failed.</summary>
    public TimeSpan RetryWindow { get; init; } = TimeSpan.FromDays(3);

    /// <summary>The first wait after a failed attempt; it doubles up to <see cref="MaxRetryDelay"/>, less up to a quarter of jitter.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Deliveries in flight at once in one process, to one subscription, and to one host.</summary>
    public int MaxInFlight { get; init; } = 32;

    public int MaxInFlightPerSubscription { get; init; } = 4;

    public int MaxInFlightPerHost { get; init; } = 8;

    /// <summary>How often a dispatcher looks for due deliveries (events of any process, retries come due).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// After a sent delivery frees a slot, how long the dispatcher waits for others to free before it claims again
    /// (wall-clock, like the timeouts): under load one claim then fills several slots instead of one claim each.
    /// </summary>
    public TimeSpan ClaimGather { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// While the API is under a sustained load that takes the SQLite writer or the CPU (<see cref="Jobs.ForegroundLoad"/>), the
    /// longest the dispatcher waits between two rounds of claims and fan-out; zero never waits. Deliveries then wait
    /// and drain once the load eases, instead of taking CPU and writes from the API.
    /// </summary>
    public TimeSpan MaxDeferral { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How much of a receiver's answer is read (kept, shortened, as the delivery's last error).</summary>
    public int MaxResponseBytes { get; init; } = 4096;

    /// <summary>
    /// How long an event and its deliveries are kept: it is deleted once older than this and every delivery of it is
    /// final (delivered or failed), by the hourly <see cref="WebhookRetentionJob"/>.
    /// </summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Events one purge job deletes in its transaction; a full batch queues the next job at once.</summary>
    public int PurgeBatchSize { get; init; } = 500;
}
