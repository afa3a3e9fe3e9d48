using Comptoir.Server.Storage;

namespace Comptoir.Server.Tests;

public class SqliteBusyWaitTests
{
    [Fact]
    public void Waits_start_at_a_millisecond_and_add_up_to_about_thirty_seconds_before_giving_up()
    {
        var delays = Enumerable.Range(0, SqliteBusyWait.MaxAttempts + 1).Select(SqliteBusyWait.Delay).ToList();

        Assert.Equal(1, delays[0]);
        Assert.All(delays.Take(SqliteBusyWait.MaxAttempts), d => Assert.InRange(d!.Value, 1, 10));
        Assert.InRange(delays.Take(SqliteBusyWait.MaxAttempts).Sum(d => d!.Value), 30_000, 31_000);
        Assert.Null(delays[^1]);
    }
}
