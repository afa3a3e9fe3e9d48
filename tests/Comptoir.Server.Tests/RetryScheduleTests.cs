using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Jobs;
using Comptoir.Server.Transfers;

namespace Comptoir.Server.Tests;

/// <summary>How long a failed job waits, how many attempts it gets, and the schedules the handlers document.</summary>
public class RetryScheduleTests
{
    private static readonly string[] JobIds = Enumerable.Range(0, 200).Select(i => Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(i)).ToString()).ToArray();

    [Fact]
    public void The_back_off_doubles_from_the_base_delay_and_stops_at_the_cap()
    {
        var schedule = new RetrySchedule(maxAttempts: 10, baseDelay: TimeSpan.FromSeconds(2), maxDelay: TimeSpan.FromMinutes(5));

        var backoffs = Enumerable.Range(1, 10).Select(n => schedule.BackoffAfter(n).TotalSeconds).ToArray();

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 300, 300], backoffs);
    }

    [Fact]
    public void Jittered_delays_grow_with_every_attempt_until_the_cap_and_never_exceed_it()
    {
        var schedule = new RetrySchedule(maxAttempts: 12, baseDelay: TimeSpan.FromSeconds(5), maxDelay: TimeSpan.FromHours(1));

        foreach (var id in JobIds)
        {
            var previous = TimeSpan.Zero;
            for (var attempt = 1; attempt <= 12; attempt++)
            {
                var delay = schedule.DelayAfter(attempt, id);
                var backoff = schedule.BackoffAfter(attempt);
                Assert.InRange(delay, backoff * (1 - RetrySchedule.JitterShare), backoff);
                Assert.True(delay <= schedule.MaxDelay, $"{id} attempt {attempt}: {delay}");
                if (backoff < schedule.MaxDelay)
                {
                    Assert.True(delay > previous, $"{id} attempt {attempt}: {delay} after {previous}");
                }

                previous = delay;
            }
        }
    }

    [Fact]
    public void A_cap_of_days_is_reached_and_large_attempt_counts_do_not_overflow()
    {
        var schedule = new RetrySchedule(maxAttempts: 40, baseDelay: TimeSpan.FromMinutes(1), maxDelay: TimeSpan.FromDays(3));

        Assert.Equal(TimeSpan.FromMinutes(1 << 12), schedule.BackoffAfter(13)); // 2 days 20 h 16 min
        Assert.Equal(TimeSpan.FromDays(3), schedule.BackoffAfter(14));
        Assert.Equal(TimeSpan.FromDays(3), schedule.BackoffAfter(10_000));
        Assert.InRange(schedule.DelayAfter(10_000, JobIds[0]), TimeSpan.FromDays(3 * (1 - RetrySchedule.JitterShare)), TimeSpan.FromDays(3));
    }

    [Fact]
    public void Attempts_are_bounded_by_the_schedule()
    {
        var schedule = new RetrySchedule(maxAttempts: 3, baseDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(10));

        Assert.True(schedule.AllowsRetryAfter(1));
        Assert.True(schedule.AllowsRetryAfter(2));
        Assert.False(schedule.AllowsRetryAfter(3));
        Assert.False(schedule.AllowsRetryAfter(4)); // a job reclaimed after a lost lease can count one more
        Assert.False(RetrySchedule.None.AllowsRetryAfter(1));
    }

    [Fact]
    public void The_jitter_is_fixed_for_a_job_and_attempt_and_spreads_jobs_apart()
    {
        var schedule = new RetrySchedule(maxAttempts: 8, baseDelay: TimeSpan.FromSeconds(2), maxDelay: TimeSpan.FromMinutes(5));

        Assert.Equal(schedule.DelayAfter(3, JobIds[7]), schedule.DelayAfter(3, JobIds[7]));
        Assert.NotEqual(RetrySchedule.JitterFraction(JobIds[7], 3), RetrySchedule.JitterFraction(JobIds[7], 4));
        var fractions = JobIds.Select(id => RetrySchedule.JitterFraction(id, 1)).ToArray();
        Assert.All(fractions, f => Assert.InRange(f, 0, 0.9999999999));
        Assert.True(fractions.Distinct().Count() > 190);
        // Spread over the whole range, not bunched: each quarter holds some.
        Assert.All(Enumerable.Range(0, 4), q => Assert.Contains(fractions, f => f >= q / 4.0 && f < (q + 1) / 4.0));
    }

    [Fact]
    public void Nonsense_schedules_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(3, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(3, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)).BackoffAfter(0));
    }

    [Fact]
    public void The_handlers_schedules_are_the_documented_ones()
    {
        // Documented on the handlers and in decision 0008: a render gives up after about 4 minutes of retries, a
        // settlement after about 10 hours (jitter takes up to a quarter off each wait).
        Assert.Equal("render_invoice", ClientInvoiceDocumentJob.Kind);
        Assert.Equal("settle_transfer", TransferSettlementJob.Kind);
        Assert.Equal(8, ClientInvoiceDocumentJob.Schedule.MaxAttempts);
        Assert.Equal(20, TransferSettlementJob.Schedule.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(1), TransferSettlementJob.Schedule.MaxDelay);
        Assert.InRange(TotalBackoff(ClientInvoiceDocumentJob.Schedule), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(4.5));
        Assert.InRange(TotalBackoff(TransferSettlementJob.Schedule), TimeSpan.FromHours(10), TimeSpan.FromHours(10.5));
    }

    private static TimeSpan TotalBackoff(RetrySchedule schedule) =>
        Enumerable.Range(1, schedule.MaxAttempts - 1).Aggregate(TimeSpan.Zero, (sum, attempt) => sum + schedule.BackoffAfter(attempt));
}
