using Comptoir.Server.Http;
using Comptoir.Server.Jobs;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Comptoir.Server.Tests;

/// <summary>
/// The dispatcher under a sustained API load (decision 0027), with the load put in place: a request that never ends
/// keeps the API busy, and a reading put in place of the SQLite writer's says busy all the time, on either engine (a
/// real load would make the readings depend on the machine).
/// </summary>
public class WebhookDeferralTests
{
    // Long against the checks made within it, so that a slow machine cannot fit a second round in by itself.
    private static readonly TimeSpan Deferral = TimeSpan.FromSeconds(6);

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Under_load_new_attempts_start_once_per_deferral_and_the_rest_go_as_soon_as_it_eases(string engine)
    {
        var api = new ApiActivity();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartSubscribedAsync(engine, receiver, new ForegroundLoad(api, () => started.Elapsed, new CpuPressure(() => null)));
        api.Started();
        await Task.Delay(300); // the readings see the load, and the dispatcher waits

        for (var i = 0; i < 10; i++)
        {
            await Seeds.CreateClientAsync(server.Client);
        }

        // One round comes within the deferral: it sends what fits in the subscription's 4 slots, then waits again.
        await receiver.WaitForAsync(r => r.Count >= 1, Deferral * 2);
        await Task.Delay(Deferral / 2);
        var duringLoad = receiver.Received.Count;
        Assert.InRange(duringLoad, 1, 4);

        // The load ends: the rest goes at once, not a round per deferral.
        api.Ended();
        var eased = System.Diagnostics.Stopwatch.StartNew();
        await receiver.WaitForAsync(r => r.Count == 10, TimeSpan.FromSeconds(20));
        Assert.True(eased.Elapsed < Deferral, $"the rest took {eased.Elapsed} after the load eased");
    }

    [Fact]
    public async Task A_busy_API_whose_writer_and_cpu_have_room_is_not_waited_for()
    {
        var api = new ApiActivity();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartSubscribedAsync("sqlite", receiver, new ForegroundLoad(api, () => TimeSpan.Zero, new CpuPressure(() => null)));
        api.Started();
        await Task.Delay(300);

        var sent = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            await Seeds.CreateClientAsync(server.Client);
        }

        await receiver.WaitForAsync(r => r.Count == 10, TimeSpan.FromSeconds(20));
        Assert.True(sent.Elapsed < Deferral, $"10 events took {sent.Elapsed}");
        api.Ended();
    }

    // A server whose dispatcher reads the given load, with one subscription to v1/clients at the receiver.
    private static async Task<RunningServer> StartSubscribedAsync(string engine, WebhookReceiver receiver, ForegroundLoad load)
    {
        var server = await RunningServer.StartAsync(
            engine,
            o => o with { Webhooks = o.Webhooks with { AllowLoopback = true, PollInterval = TimeSpan.FromMilliseconds(20), MaxDeferral = Deferral } },
            services => services.Replace(ServiceDescriptor.Singleton(load)));
        await WebhookDeliveryTests.SubscribeAsync(server, receiver.Url, "v1/clients");
        return server;
    }
}
