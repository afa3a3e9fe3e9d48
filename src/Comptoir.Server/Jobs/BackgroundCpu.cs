using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Comptoir.Server.Jobs;

/// <summary>
/// One dedicated thread, at the lowest scheduling priority the OS grants without privileges, for CPU-heavy background
/// work (rendering PDFs). API requests keep the CPU while they need it and renders use what is left: a burst of
/// drafts lengthens the queue of previews instead of the API's latency, and an idle server renders at full speed.
/// </summary>
public sealed partial class BackgroundCpu : IDisposable
{
    private const int LowestNice = 19;
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;

    public BackgroundCpu()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "comptoir-background-cpu" };
        _thread.Start();
    }

    /// <summary>Whether the thread's priority was lowered (Linux); elsewhere it runs at normal priority.</summary>
    public bool Lowered { get; private set; }

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

    public void Dispose() => _work.Writer.TryComplete();

    private void Run()
    {
        Lowered = OperatingSystem.IsLinux() && LowerThisThread();
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
