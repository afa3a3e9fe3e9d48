using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Comptoir.Bench;

/// <summary>
/// The benchmark's webhook receiver: Kestrel on a loopback port in the benchmark's process, answering 200 to every
/// POST under /hook/ at once, counting deliveries and noting when each resource's first event arrived; under
/// /stalled/ it answers only after 5 s, past the server's timeout.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _arrivals = new(StringComparer.Ordinal);
    private long _delivered;

    private WebhookReceiver(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where subscriptions point: add a path segment per subscription.</summary>
    public string BaseUrl { get; }

    /// <summary>The same, for a receiver that never answers in time.</summary>
    public string StalledUrl => BaseUrl.Replace("/hook", "/stalled", StringComparison.Ordinal);

    public long Delivered => Interlocked.Read(ref _delivered);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = LoadBenchmark.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hook");
        app.MapPost("/hook/{subscription}", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var at = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref receiver._delivered);
            if (body.RootElement.GetProperty("data").TryGetProperty("id", out var id) && id.GetString() is { } resourceId)
            {
                receiver._arrivals.GetOrAdd(resourceId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(at);
            }

            return Results.Ok();
        });
        // A receiver that never answers within the server's timeout: the server keeps writing events and trying,
        // but delivers nothing, which isolates what the outbox costs the writes from what sending costs.
        app.MapPost("/stalled/{subscription}", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The Stopwatch timestamp at which the first event about <paramref name="resourceId"/> arrived.</summary>
    public Task<long> ArrivalAsync(string resourceId) =>
        _arrivals.GetOrAdd(resourceId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async Task WaitForDeliveredAsync(long count, TimeSpan patience)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        while (Delivered < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{Delivered} of {count} deliveries arrived within {patience.TotalSeconds:0} s");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
