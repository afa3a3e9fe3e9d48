using Comptoir.Server.Http;
using Comptoir.Server.Jobs;

namespace Comptoir.Server.Tests;

public class ForegroundLoadTests
{
    private static string Stat(long busy, long idle) => $"cpu  {busy} 0 0 {idle} 0 0 0 0 0 0\n";

    [Fact]
    public async Task The_API_is_busy_when_requests_were_in_flight_nearly_all_the_time_since_the_last_reading()
    {
        var api = new ApiActivity();
        var load = new ForegroundLoad(api, () => null, new CpuPressure(() => null));
        load.ApiIsBusy(); // the baseline

        api.Started();
        await Task.Delay(120);
        Assert.True(load.ApiIsBusy());

        api.Ended();
        await Task.Delay(120);
        Assert.False(load.ApiIsBusy());
    }

    [Fact]
    public async Task The_API_runs_short_when_the_writer_or_the_cpu_is_mostly_taken()
    {
        var api = new ApiActivity();
        var writer = TimeSpan.Zero;
        var stat = Stat(0, 0);
        var load = new ForegroundLoad(api, () => writer, new CpuPressure(() => stat));
        load.NearlyFull(); // the baselines

        // The writer busy all the time since, the CPU a tenth.
        await Task.Delay(100);
        writer += TimeSpan.FromSeconds(5);
        stat = Stat(10, 90);
        Assert.True(load.NearlyFull());

        // The writer idle, the CPU 80 % taken.
        await Task.Delay(100);
        stat = Stat(170, 130);
        Assert.True(load.NearlyFull());

        // Both with room.
        await Task.Delay(100);
        stat = Stat(180, 220);
        Assert.False(load.NearlyFull());
    }

    [Fact]
    public async Task On_PostgreSQL_only_the_cpu_says()
    {
        var stat = Stat(0, 0);
        var load = new ForegroundLoad(new ApiActivity(), () => null, new CpuPressure(() => stat));
        load.NearlyFull();

        await Task.Delay(60);
        stat = Stat(50, 50);
        Assert.False(load.NearlyFull());
    }
}
