using Comptoir.Server.Jobs;

namespace Comptoir.Server.Tests;

public class CpuPressureTests
{
    // user nice system idle iowait irq softirq steal guest guest_nice
    private static string Stat(long user, long nice, long system, long idle, long iowait = 0, long irq = 0, long softirq = 0, long steal = 0) =>
        $"cpu  {user} {nice} {system} {idle} {iowait} {irq} {softirq} {steal} 7 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n";

    [Fact]
    public void Normal_priority_work_counts_and_nice_idle_and_waiting_time_do_not()
    {
        Assert.Equal((100 + 20 + 3 + 4 + 5, 100 + 50 + 20 + 400 + 30 + 3 + 4 + 5), CpuPressure.Parse(Stat(100, 50, 20, 400, 30, 3, 4, 5)));
        Assert.Null(CpuPressure.Parse(null));
        Assert.Null(CpuPressure.Parse("intr 1 2 3"));
        Assert.Null(CpuPressure.Parse("cpu  1 2 3"));
        Assert.Null(CpuPressure.Parse("cpu  1 2 3 x 5 6 7 8"));
    }

    [Fact]
    public void Each_reading_covers_the_time_since_the_last_one_that_said_enough()
    {
        var stat = Stat(0, 0, 0, 0);
        var pressure = new CpuPressure(() => stat);
        Assert.Null(pressure.Read()); // a baseline only

        stat = Stat(user: 60, nice: 30, system: 15, idle: 95); // 75 of 200 ticks busy; the nice 30 are not
        Assert.Equal(0.375, pressure.Read());

        stat = Stat(user: 64, nice: 30, system: 15, idle: 96); // 5 ticks more: too few to tell, the last share stands
        Assert.Equal(0.375, pressure.Read());

        stat = Stat(user: 240, nice: 30, system: 15, idle: 115); // since the baseline of 200 ticks: 180 of 200
        Assert.Equal(0.9, pressure.Read());
    }

    [Fact]
    public void Where_there_is_no_reading_there_is_no_share()
    {
        Assert.Null(new CpuPressure(() => null).Read());
    }

    [Fact]
    public async Task On_Linux_the_machine_is_read()
    {
        var pressure = new CpuPressure();
        pressure.Read();
        // Two normal-priority threads spinning for 300 ms: readings exist and are shares.
        var spin = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var until = DateTime.UtcNow.AddMilliseconds(300);
            while (DateTime.UtcNow < until)
            {
            }
        }));
        await Task.WhenAll(spin);

        Assert.InRange(pressure.Read()!.Value, 0.01, 1);
    }
}
