using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.Tests.Support;

/// <summary>A request a receiver got: its raw body, its signature header, and when.</summary>
public sealed record ReceivedHook(string Body, string? Signature, DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string EventId => Json.GetProperty("id").GetString()!;
}

/// <summary>
/// A real HTTP receiver on a loopback port (Kestrel in the test process): records every POST to /hook and answers
/// with <see cref="Status"/> after <see cref="Delay"/>, both changeable while it runs.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedHook> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Status { get; set; } = 200;

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<ReceivedHook> Received => [.. _received];

    /// <summary>Starts on <paramref name="port"/> (0: a free one), e.g. the port a subscription named while nothing listened.</summary>
    public static async Task<WebhookReceiver> StartAsync(string path = "/hook", int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost(path, async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            receiver._received.Enqueue(new ReceivedHook(body, context.Request.Headers["X-Qonto-Signature"].ToString(), DateTimeOffset.UtcNow));
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay);
            }

            return Results.StatusCode(receiver.Status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + path);
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for what was received (up to 20 s).</summary>
    public async Task<IReadOnlyList<ReceivedHook>> WaitForAsync(Func<IReadOnlyList<ReceivedHook>, bool> condition, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var received = Received;
            if (condition(received))
            {
                return received;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the receiver got {received.Count} requests; the condition never held");
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
