using System.Text;

namespace Comptoir.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error, byte[] StandardOutput)
{
    public static CliRun Invoke(params string[] args) => Invoke(TimeProvider.System, args);

    public static CliRun Invoke(TimeProvider clock, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var raw = new MemoryStream();
        var exit = CliApplication.RunAsync(args, new CliConsole(output, error, raw) { Clock = clock }).GetAwaiter().GetResult();
        return new CliRun(exit, output.ToString(), error.ToString(), raw.ToArray());
    }

    public string RawText => Encoding.UTF8.GetString(StandardOutput);
}
