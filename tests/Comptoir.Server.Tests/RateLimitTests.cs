using System.Net;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

public class RateLimitTests
{
    [Fact]
    public async Task Over_the_limit_is_a_429_with_retry_after_until_the_window_ends()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RequestsPer10Seconds = 5 });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("v2/bank_accounts")).StatusCode);
        }

        var limited = await server.Client.GetAsync("v2/bank_accounts");
        await ApiAssert.Error(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 10);

        // Another client is not affected; the first one is served again after the window.
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var otherClient = server.NewClient(other.Authorization);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("v2/bank_accounts")).StatusCode);
        server.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("v2/bank_accounts")).StatusCode);
    }

    [Fact]
    public async Task More_than_200_unauthorized_answers_in_an_hour_throttle_the_address()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        using var intruder = server.NewClient("comptoir-demo:guess");

        for (var i = 0; i < 201; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.GetAsync("v2/organization")).StatusCode);
        }

        await ApiAssert.Error(await intruder.GetAsync("v2/organization"), HttpStatusCode.TooManyRequests, "rate_limited");
        server.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("v2/organization")).StatusCode);
    }

    [Fact]
    public async Task A_strangers_failed_logins_never_lock_out_a_valid_key_from_the_same_address()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        using var intruder = server.NewClient("comptoir-demo:guess");
        for (var i = 0; i < 201; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.GetAsync("v2/organization")).StatusCode);
        }

        // The same address, the same organization claimed: guesses are throttled, the right key is served at once.
        await ApiAssert.Error(await intruder.GetAsync("v2/organization"), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("v2/organization")).StatusCode);
        // Failures that claim another identity are counted apart.
        using var other = server.NewClient("other-org:guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("v2/organization")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RequestsPer10Seconds = 2, TrustedProxies = ["127.0.0.1"] });
        using var anonymous = server.NewClient(null);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Forwarded(anonymous, "203.0.113.7")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Forwarded(anonymous, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Forwarded(anonymous, "203.0.113.7")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Forwarded(anonymous, "198.51.100.9")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RequestsPer10Seconds = 2 });
        using var anonymous = server.NewClient(null);

        await Forwarded(anonymous, "203.0.113.7");
        await Forwarded(anonymous, "203.0.113.8");
        // Every request came from 127.0.0.1 whatever the header says: one client, over its limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Forwarded(anonymous, "198.51.100.9")).StatusCode);
    }

    private static Task<HttpResponseMessage> Forwarded(HttpClient client, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "v2/organization");
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }
}
