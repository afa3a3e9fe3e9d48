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
}
