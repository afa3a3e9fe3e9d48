using System.Net.Http.Headers;
using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests.Support;

/// <summary>
/// The real server on a free loopback port (Kestrel, real HTTP, real database of the chosen engine), with a demo
/// organization and an HttpClient authenticated with its API key.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, Uri baseAddress, DemoCredentials demo, ManualClock clock)
    {
        App = app;
        BaseAddress = baseAddress;
        Demo = demo;
        Clock = clock;
        Client = NewClient(demo.Authorization);
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public DemoCredentials Demo { get; }

    public ManualClock Clock { get; }

    public HttpClient Client { get; }

    public Database Database => App.Services.GetRequiredService<Database>();

    public OrganizationStore Organizations => App.Services.GetRequiredService<OrganizationStore>();

    public static async Task<RunningServer> StartAsync(string engine, Func<ServerOptions, ServerOptions>? configure = null, Action<IServiceCollection>? replaceServices = null)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 19, 20, 30, 0, TimeSpan.Zero));
        var connection = TestDatabases.NewConnectionString(engine);
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Database = connection, DataDirectory = Path.GetDirectoryName(connection) ?? Path.GetTempPath() };
        options = configure?.Invoke(options) ?? options;
        // COMPTOIR_TEST_LOGS=1 shows the server's warnings and errors while debugging a test.
        Action<Microsoft.Extensions.Logging.ILoggingBuilder>? logging = Environment.GetEnvironmentVariable("COMPTOIR_TEST_LOGS") is null ? _ => { } : null;
        var app = await ComptoirServer.BuildAsync(options, clock, logging, replaceServices: replaceServices);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var demo = await DemoOrganization.CreateAsync(app.Services.GetRequiredService<OrganizationStore>());
        return new RunningServer(app, new Uri(address.TrimEnd('/') + "/"), demo, clock);
    }

    /// <summary>Another server instance on the same database, as a second process behind a load balancer.</summary>
    /// <summary>A second server on the same database and clock, as a second process behind a load balancer would be.</summary>
    public async Task<SecondInstance> StartSecondInstanceAsync()
    {
        var options = App.Services.GetRequiredService<ServerOptions>();
        var app = await ComptoirServer.BuildAsync(options with { Urls = "http://127.0.0.1:0" }, Clock, logging: _ => { });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Demo.Authorization);
        return new SecondInstance(app, client);
    }

    public HttpClient NewClient(string? authorization)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>The second server of <see cref="RunningServer.StartSecondInstanceAsync"/>; disposing stops it.</summary>
public sealed class SecondInstance(WebApplication app, HttpClient client) : IAsyncDisposable
{
    public HttpClient Client { get; } = client;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>A clock the tests move by hand; starts at a fixed instant.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
