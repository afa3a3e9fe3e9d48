using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Comptoir.Server.Jobs;

/// <summary>
/// Dedicated threads, at the lowest scheduling priority the OS grants without privileges, for background work that
/// must never take the CPU from the API: rendering PDFs (one thread), sending webhook deliveries (one thread per
/// delivery in flight, as each blocks on its receiver). API requests keep the CPU while they need it and this work
/// uses what is left: a burst of drafts lengthens the queue of previews and of deliveries instead of the API's
/// latency, and an idle server does it at full speed.
/// </summary>
public sealed partial class BackgroundCpu : IDisposable
{
    private const int LowestNice = 19;
    private readonly Channel<Action> _work;
    private readonly Thread[] _threads;
    private int _lowered;

    public BackgroundCpu()
        : this("comptoir-background-cpu", 1)
    {
    }

    public BackgroundCpu(string name, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = threads == 1 });
        _threads = [.. Enumerable.Range(0, threads).Select(i => new Thread(Run) { IsBackground = true, Name = threads == 1 ? name : $"{name}-{i + 1}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Whether every thread's priority was lowered (Linux) once it started; elsewhere they run at normal priority.</summary>
    public bool Lowered => Volatile.Read(ref _lowered) == _threads.Length;

    public int ThreadCount => _threads.Length;

    public Task<T> RunAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = _work.Writer.TryWrite(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        if (!queued)
        {
            done.SetException(new ObjectDisposedException(nameof(BackgroundCpu)));
        }

        return done.Task;
    }

    /// <summary>Refuses new work; what is queued still runs, and each thread ends when the queue is empty.</summary>
    public void Dispose() => _work.Writer.TryComplete();

    private void Run()
    {
        if (OperatingSystem.IsLinux() && LowerThisThread())
        {
            Interlocked.Increment(ref _lowered);
        }

        var reader = _work.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                item();
            }
        }
    }

    // On Linux a thread is a schedulable task of its own: setpriority on its tid changes only this thread.
    private static bool LowerThisThread()
    {
        try
        {
            return SetPriority(0 /* PRIO_PROCESS */, GetThreadId(), LowestNice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
