namespace Comptoir.Client.AspNetCore;

/// <summary>
/// The default <see cref="IWebhookEventDeduplicator"/>: the ids of the last <see cref="Capacity"/> events handled, in
/// this process's memory. It forgets on restart and is not shared between instances; an application behind a load
/// balancer, or that must never handle an event twice, implements the interface on its database.
/// </summary>
public sealed class InMemoryWebhookEventDeduplicator : IWebhookEventDeduplicator
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    /// <summary>Remembers up to <paramref name="capacity"/> handled events (the oldest is forgotten first).</summary>
    public InMemoryWebhookEventDeduplicator(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many handled event ids are kept.</summary>
    public int Capacity { get; }

    /// <inheritdoc />
    public ValueTask<WebhookEventClaim> TryClaimAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        lock (_gate)
        {
            if (_handled.Contains(eventId))
            {
                return ValueTask.FromResult(WebhookEventClaim.AlreadyHandled);
            }

            return ValueTask.FromResult(_inProgress.Add(eventId) ? WebhookEventClaim.Claimed : WebhookEventClaim.InProgress);
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        lock (_gate)
        {
            _inProgress.Remove(eventId);
            if (_handled.Add(eventId))
            {
                _order.Enqueue(eventId);
                while (_order.Count > Capacity)
                {
                    _handled.Remove(_order.Dequeue());
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        lock (_gate)
        {
            _inProgress.Remove(eventId);
        }

        return ValueTask.CompletedTask;
    }
}
