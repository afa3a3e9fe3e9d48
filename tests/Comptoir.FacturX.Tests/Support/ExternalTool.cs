using System.Diagnostics;

namespace Comptoir.FacturX.Tests.Support;

/// <summary>Runs a command-line oracle (Saxon, xmllint, qpdf, poppler) and captures what it says.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{fileName} is not installed ({e.Message}). Run .ci/run or apt-get install the conformance tools.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} did not finish in time.");
            }

            return new Result(process.ExitCode, output.Result, error.Result);
        }
    }

    /// <summary>Saxon-HE as Debian installs it.</summary>
    public static Result Saxon(string stylesheet, string source, string output) =>
        Run("java", ["-cp", "/usr/share/java/Saxon-HE.jar", "net.sf.saxon.Transform", "-xsl:" + stylesheet, "-s:" + source, "-o:" + output]);
}
