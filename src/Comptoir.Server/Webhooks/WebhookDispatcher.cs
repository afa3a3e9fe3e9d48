using System.Diagnostics;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// Sends the due deliveries of every process's events, beside the job runner and never in its way: a slow receiver
/// holds one of its subscription's few slots (and its host's), never the API, the jobs or another subscription.
/// Claims are leased in the database (<see cref="WebhookDeliveryStore"/>), so several `serve` processes on one
/// PostgreSQL share the work and never make the same attempt twice; a process that dies mid-send leaves its claims to
/// expire and be tried again. On shutdown the attempts in flight finish (each is bounded by the timeout).
/// <para>
/// Deliveries are background work: while the API is under a sustained load that takes the SQLite writer or the CPU
/// (<see cref="ForegroundLoad"/>), a round goes once every <see cref="WebhookSettings.MaxDeferral"/> only. Each round's
/// claim and fan-out are writes that the API's writes would queue behind, and each attempt takes CPU the API is short
/// of; deliveries instead wait, and drain at full speed once the load eases.
/// </para>
/// </summary>
public sealed partial class WebhookDispatcher : BackgroundService
{
    private readonly WebhookDeliveryStore _store;
    private readonly WebhookFanOut _fanOut;
    private readonly WebhookSender _sender;
    private readonly WebhookSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ForegroundLoad _load;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly string _name = $"{Environment.MachineName}:{Environment.ProcessId}:webhooks:{Guid.NewGuid().ToString("N")[..8]}";
    private readonly SemaphoreSlim _slotFreed = new(0, int.MaxValue);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perSubscription = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _hostOf = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _inFlight = [];
    private bool _polled = true;
    private bool _fanOutFull;

    public WebhookDispatcher(WebhookDeliveryStore store, WebhookFanOut fanOut, WebhookSender sender, WebhookSettings settings, TimeProvider clock, ForegroundLoad load, ILogger<WebhookDispatcher> logger)
    {
        _store = store;
        _fanOut = fanOut;
        _sender = sender;
        _settings = settings;
        _clock = clock;
        _load = load;
        _logger = logger;
    }

    /// <summary>How long a claim is held: well past an attempt's timeout, after which its process is presumed dead.</summary>
    public TimeSpan Lease => _settings.Timeout + _settings.ConnectTimeout + TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Never again at once: a claim takes all that fits in the free slots, so another before a slot frees
                // (or the poll comes round) would only read past the busy subscriptions' backlog to find nothing.
                await DispatchDueAsync(stoppingToken).ConfigureAwait(false);
                var round = Stopwatch.GetTimestamp();
                _polled = await WaitAsync(_settings.PollInterval, stoppingToken).ConfigureAwait(false);
                if (!_polled && _settings.ClaimGather > TimeSpan.Zero)
                {
                    await Task.Delay(_settings.ClaimGather, stoppingToken).ConfigureAwait(false);
                }

                // Under load the dispatcher waits until the API's load eases or MaxDeferral has passed since the
                // last round; once it waits, the writer and the CPU are not asked again (they just had room because
                // it did not use it). A wait is at least a poll long, so the next round fans out. Wall-clock, like the
                // timeouts: the load is now, whatever the clock says.
                var deferring = false;
                while (Stopwatch.GetElapsedTime(round) < _settings.MaxDeferral && _load.ApiIsBusy() && (deferring || _load.NearlyFull()))
                {
                    deferring = _polled = true;
                    await Task.Delay(_settings.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogLoopError(_logger, e);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        Task[] running;
        lock (_gate)
        {
            running = [.. _inFlight];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the deliveries of the events recorded since (a batch at a time), then claims what this process has room
    /// for and starts sending it; returns how many were started.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        // The fan-out runs when the poll comes round, or at once again while it finds full batches (a backlog). Not
        // each time a sent delivery frees a slot: under load that ran it hundreds of times a second, each time a
        // write of a few events, where one write every poll takes them all. And only while some subscription runs
        // short of waiting deliveries (WebhookFanOut.WantedAsync).
        if ((_polled || _fanOutFull) && await _fanOut.WantedAsync(cancellationToken).ConfigureAwait(false))
        {
            _fanOutFull = await _fanOut.FanOutAsync(WebhookFanOut.DefaultBatch, cancellationToken).ConfigureAwait(false) == WebhookFanOut.DefaultBatch;
        }
        else if (_polled)
        {
            _fanOutFull = false;
        }

        int free;
        List<string> busy;
        Dictionary<string, int> sending;
        lock (_gate)
        {
            free = _settings.MaxInFlight - _inFlight.Count;
            busy = [.. _perSubscription.Where(p => p.Value >= _settings.MaxInFlightPerSubscription || HostIsFull(p.Key)).Select(p => p.Key)];
            sending = new Dictionary<string, int>(_perSubscription, StringComparer.Ordinal);
        }

        if (free <= 0)
        {
            return 0;
        }

        var claimed = await _store.ClaimAsync(_name, free, busy, sending, _settings.MaxInFlightPerSubscription, Lease, cancellationToken).ConfigureAwait(false);
        var overflow = new List<ClaimedDelivery>();
        var started = 0;
        foreach (var delivery in claimed)
        {
            var host = HostOf(delivery.CallbackUrl);
            lock (_gate)
            {
                // A host is learnt from its first claim: several new subscriptions of one host can overshoot here.
                if (_perSubscription.GetValueOrDefault(delivery.SubscriptionId) >= _settings.MaxInFlightPerSubscription
                    || _perHost.GetValueOrDefault(host) >= _settings.MaxInFlightPerHost)
                {
                    overflow.Add(delivery);
                    continue;
                }

                _hostOf[delivery.SubscriptionId] = host;
                _perSubscription[delivery.SubscriptionId] = _perSubscription.GetValueOrDefault(delivery.SubscriptionId) + 1;
                _perHost[host] = _perHost.GetValueOrDefault(host) + 1;
                var task = Task.Run(() => SendAsync(delivery, host), CancellationToken.None);
                _inFlight.Add(task);
                _ = task.ContinueWith(t => Forget(t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                started++;
            }
        }

        await _store.ReleaseAsync(_name, overflow, cancellationToken).ConfigureAwait(false);
        return started;
    }

    private async Task SendAsync(ClaimedDelivery delivery, string host)
    {
        try
        {
            // Not cancelled by shutdown: the attempt is bounded by the timeout, and its outcome must be recorded.
            var attempt = await _sender.SendAsync(delivery, CancellationToken.None).ConfigureAwait(false);
            if (attempt.Delivered)
            {
                await _store.DeliveredAsync(delivery, _name, attempt.StatusCode!.Value, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            var status = await _store.FailedAsync(delivery, _name, attempt.StatusCode, attempt.Error ?? "failed", CancellationToken.None).ConfigureAwait(false);
            if (status == WebhookDeliveryStatus.Failed)
            {
                LogDeliveryFailed(_logger, delivery.EventId, delivery.SubscriptionId, delivery.Attempts, attempt.Error);
            }
            else
            {
                LogAttemptFailed(_logger, delivery.EventId, delivery.SubscriptionId, delivery.Attempts, attempt.Error);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The outcome could not be stored (the database is away): the lease runs out and the delivery is retried.
            LogRecordError(_logger, e, delivery.EventId, delivery.SubscriptionId);
        }
        finally
        {
            lock (_gate)
            {
                Decrement(_perSubscription, delivery.SubscriptionId);
                Decrement(_perHost, host);
            }

            _slotFreed.Release();
        }
    }

    private void Forget(Task task)
    {
        lock (_gate)
        {
            _inFlight.Remove(task);
        }
    }

    private bool HostIsFull(string subscriptionId) =>
        _hostOf.TryGetValue(subscriptionId, out var host) && _perHost.GetValueOrDefault(host) >= _settings.MaxInFlightPerHost;

    /// <summary>Waits for a freed slot or the poll; true when the poll came round.</summary>
    private async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poll = Task.Delay(timeout, _clock, stop.Token);
        var first = await Task.WhenAny(_slotFreed.WaitAsync(stop.Token), poll).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        // Slots freed meanwhile are all seen by the one claim that follows.
        while (_slotFreed.Wait(0))
        {
        }

        return first == poll;
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (counts.TryGetValue(key, out var count) && count > 1)
        {
            counts[key] = count - 1;
        }
        else
        {
            counts.Remove(key);
        }
    }

    private static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : url;

    public override void Dispose()
    {
        _slotFreed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook event {EventId} to subscription {SubscriptionId}: attempt {Attempts} failed ({Error}); retried later")]
    private static partial void LogAttemptFailed(ILogger logger, string eventId, string subscriptionId, long attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook event {EventId} to subscription {SubscriptionId} failed after {Attempts} attempts ({Error}); 'comptoir admin webhooks retry' sends it again")]
    private static partial void LogDeliveryFailed(ILogger logger, string eventId, string subscriptionId, long attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook event {EventId} to subscription {SubscriptionId}: the outcome could not be recorded; the delivery will be retried when its lease ends")]
    private static partial void LogRecordError(ILogger logger, Exception exception, string eventId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatcher loop error")]
    private static partial void LogLoopError(ILogger logger, Exception exception);
}
