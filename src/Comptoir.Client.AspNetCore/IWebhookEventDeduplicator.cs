namespace Comptoir.Client.AspNetCore;

/// <summary>
/// Remembers which webhook events were handled, so that a delivery that comes again (deliveries are at least once)
/// is answered 2xx without running the handler twice. Implement it on your database to survive restarts and to
/// share it between instances; <see cref="InMemoryWebhookEventDeduplicator"/> is the default.
/// </summary>
/// <remarks>
/// An event is claimed before its handler runs, then completed when the handler succeeded or released when it threw,
/// so that the redelivery the failure causes runs the handler again. A durable implementation records the completion
/// in the same transaction as the handler's own writes where it can.
/// </remarks>
public interface IWebhookEventDeduplicator
{
    /// <summary>Claims <paramref name="eventId"/> for this delivery, unless it was handled already or is being handled now.</summary>
    ValueTask<WebhookEventClaim> TryClaimAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>The handler succeeded: later deliveries of the event are duplicates.</summary>
    ValueTask CompleteAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>The handler failed: the next delivery of the event must run it again.</summary>
    ValueTask ReleaseAsync(string eventId, CancellationToken cancellationToken);
}

/// <summary>The answer of <see cref="IWebhookEventDeduplicator.TryClaimAsync"/>.</summary>
public enum WebhookEventClaim
{
    /// <summary>New: run the handler.</summary>
    Claimed,

    /// <summary>Handled already: answer 2xx, do nothing.</summary>
    AlreadyHandled,

    /// <summary>Another delivery of it is in its handler now: answer non-2xx so that the sender tries again later.</summary>
    InProgress,
}
