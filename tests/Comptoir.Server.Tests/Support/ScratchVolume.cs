using System.Diagnostics;

namespace Comptoir.Server.Tests.Support;

/// <summary>
/// A small tmpfs of its own, mounted for one test: a real file system that fills up. Mounting needs root with
/// CAP_SYS_ADMIN; <see cref="TryMount"/> answers null where that is refused (an unprivileged CI container).
/// </summary>
public sealed class ScratchVolume : IDisposable
{
    private ScratchVolume(string path) => Path = path;

    public string Path { get; }

    public static ScratchVolume? TryMount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("comptoir-tmpfs-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path) == 0)
        {
            return new ScratchVolume(path);
        }

        Directory.Delete(path);
        return null;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path); // lazy: the server's last handles may still be closing
        Directory.Delete(Path, recursive: true);
    }

    /// <summary>Runs a tool, returning its exit code (127 when it could not start).</summary>
    public static int Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 127;
        }
    }
}
