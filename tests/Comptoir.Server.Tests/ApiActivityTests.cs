using Comptoir.Server.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

public class ApiActivityTests
{
    [Fact]
    public async Task Busy_time_grows_while_any_request_is_in_flight_and_stands_still_when_none_is()
    {
        var activity = new ApiActivity();
        Assert.Equal(TimeSpan.Zero, activity.Busy);

        activity.Started();
        activity.Started();
        await Task.Delay(40);
        activity.Ended(); // one still in flight
        await Task.Delay(40);
        var whileOneIsLeft = activity.Busy;
        activity.Ended();
        var atTheEnd = activity.Busy;
        await Task.Delay(60);

        Assert.InRange(whileOneIsLeft, TimeSpan.FromMilliseconds(80), TimeSpan.FromSeconds(30));
        Assert.True(atTheEnd >= whileOneIsLeft);
        Assert.Equal(atTheEnd, activity.Busy); // idle time is not busy time
    }

    [Fact]
    public async Task Every_request_is_counted_while_it_runs_even_one_answered_with_an_error()
    {
        await using var server = await Support.RunningServer.StartAsync("sqlite");
        var activity = server.App.Services.GetRequiredService<ApiActivity>();
        var before = activity.Busy;

        using var response = await server.Client.GetAsync("/v2/no-such-resource");
        var after = activity.Busy;

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(after > before, $"busy time {before} -> {after}");
    }
}
