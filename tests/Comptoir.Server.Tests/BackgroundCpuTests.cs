using System.Globalization;
using Comptoir.Server.Jobs;

namespace Comptoir.Server.Tests;

public class BackgroundCpuTests
{
    [Fact]
    public async Task Work_runs_on_one_dedicated_thread_and_its_result_or_exception_comes_back()
    {
        using var cpu = new BackgroundCpu();

        var threads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cpu.RunAsync(() => Environment.CurrentManagedThreadId)));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => cpu.RunAsync<int>(() => throw new InvalidOperationException("boom")));

        Assert.Single(threads.Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0]);
        Assert.Equal("boom", failure.Message);
        Assert.Equal(42, await cpu.RunAsync(() => 42)); // a failed item does not stop the thread
    }

    [Fact]
    public async Task On_Linux_the_thread_runs_at_the_lowest_priority()
    {
        using var cpu = new BackgroundCpu();

        // Field 19 of /proc/thread-self/stat is the nice value the kernel schedules this thread with.
        var nice = await cpu.RunAsync(() => File.ReadAllText("/proc/thread-self/stat"));
        var fields = nice[(nice.LastIndexOf(')') + 2)..].Split(' ');

        Assert.True(cpu.Lowered);
        Assert.Equal(19, int.Parse(fields[16], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task After_disposal_new_work_is_refused()
    {
        var cpu = new BackgroundCpu();
        cpu.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => cpu.RunAsync(() => 1));
    }
}
