using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Comptoir.Cli.Commands;

/// <summary>
/// The loopback HTTP listener of `comptoir webhooks listen`: Kestrel on 127.0.0.1, every POST handed to one delegate.
/// It leaves Ctrl-C and SIGTERM to the command, which must delete its subscription before the process ends.
/// </summary>
internal sealed class WebhookListenServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookListenServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The callback URL to subscribe (http://127.0.0.1:PORT/).</summary>
    public Uri Url { get; }

    /// <summary>Starts listening on <paramref name="port"/> (0: a free one).</summary>
    public static async Task<WebhookListenServer> StartAsync(int port, RequestDelegate receive, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        var app = builder.Build();
        app.MapPost("/{**path}", receive);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookListenServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A host lifetime that registers no signal handler: the command's cancellation token stops the listener.</summary>
    private sealed class CommandOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
