using System.Diagnostics;
using System.Text;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs an external program (tesseract, pdftoppm) with its arguments passed one by one, never through a shell, under
/// a wall-clock timeout and an address-space limit (prlimit, when present), reading at most a bounded amount of its
/// output. On timeout or cancellation the whole process tree is killed.
/// </summary>
public static class BoundedProcess
{
    /// <summary>Output beyond this is dropped: an OCR page's TSV is a few hundred KB.</summary>
    public const int MaxOutputChars = 8 * 1024 * 1024;

    private static readonly string? Prlimit = Executables.Find("prlimit");

    /// <exception cref="TimeoutException">The program ran longer than <paramref name="timeout"/>.</exception>
    public static async Task<ProcessResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, long maxMemoryBytes, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        if (Prlimit is not null)
        {
            start.FileName = Prlimit;
            start.ArgumentList.Add("--as=" + maxMemoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(executable);
        }
        else
        {
            start.FileName = executable;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Tesseract's OpenMP would take every core for one page; the server's CPU is shared with its requests.
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} could not be started.");
        var output = ReadBoundedAsync(process.StandardOutput);
        var error = ReadBoundedAsync(process.StandardError);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(executable)} ran longer than {timeout.TotalSeconds:0} s and was stopped.");
        }

        return new ProcessResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (text.Length < MaxOutputChars)
            {
                text.Append(buffer, 0, Math.Min(read, MaxOutputChars - text.Length));
            }
        }

        return text.ToString();
    }
}
