using System.Diagnostics;

namespace Comptoir.Bench;

/// <summary>A `dotnet` child process run to its end, timed, with its peak resident memory sampled while it runs.</summary>
public static class MeasuredProcess
{
    public sealed record Outcome(TimeSpan Elapsed, double PeakMegabytes, string Output, string Errors);

    /// <exception cref="InvalidOperationException">The process exited with another code than 0.</exception>
    public static async Task<Outcome> RunDotnetAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peak = 0.0;
        while (!process.HasExited)
        {
            // VmHWM is the high-water mark: the last reading before exit is the peak. An exited process not yet reaped
            // has a status without it (NaN), which must not replace the readings before.
            try
            {
                var reading = LoadBenchmark.PeakMemoryMegabytes(process);
                peak = double.IsNaN(reading) ? peak : Math.Max(peak, reading);
            }
            catch (IOException)
            {
            }

            await Task.Delay(50);
        }

        await process.WaitForExitAsync();
        watch.Stop();
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {errors}");
        }

        return new Outcome(watch.Elapsed, peak, (await stdout).Trim(), errors);
    }
}
