namespace Comptoir.Client.AspNetCore;

/// <summary>How <see cref="ComptoirWebhookEndpoints.MapComptoirWebhook(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, ComptoirWebhookOptions, Func{WebhookEvent, IServiceProvider, CancellationToken, Task})"/> receives deliveries.</summary>
public sealed class ComptoirWebhookOptions
{
    /// <summary>The subscription's secret (shown once, in the answer to its creation).</summary>
    public required string Secret { get; set; }

    /// <summary>How far the signed timestamp may be from now: 5 minutes, as the API documents.</summary>
    public TimeSpan Tolerance { get; set; } = WebhookSignature.DefaultTolerance;

    /// <summary>The largest body read (1 MiB); a bigger one is refused with 413 before it is read.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Drops duplicate deliveries; null takes the application's registered <see cref="IWebhookEventDeduplicator"/>, else an in-memory one for this endpoint.</summary>
    public IWebhookEventDeduplicator? Deduplicator { get; set; }

    /// <summary>The clock the tolerance is checked on; null takes the application's registered <see cref="TimeProvider"/>, else the system clock.</summary>
    public TimeProvider? Clock { get; set; }
}
