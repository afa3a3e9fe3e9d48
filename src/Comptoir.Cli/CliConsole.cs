namespace Comptoir.Cli;

/// <summary>
/// Where a command writes (standard output for results, standard error for messages) and the clock it reads.
/// Tests pass their own.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Stream StandardOutput)
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Standard output is an interactive terminal: live progress lines are welcome.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>The --json answer: one JSON object and a newline on standard output, flushed.</summary>
    public void WriteJsonObject(Action<System.Text.Json.Utf8JsonWriter> properties)
    {
        using (var writer = new System.Text.Json.Utf8JsonWriter(StandardOutput, Commands.ApiConnection.Output))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }

        StandardOutput.WriteByte((byte)'\n');
        StandardOutput.Flush();
    }

    public static CliConsole System => new(Console.Out, Console.Error, Console.OpenStandardOutput()) { IsTerminal = !Console.IsOutputRedirected };
}

/// <summary>Exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran but the answer is negative (e.g. inspect found errors).</summary>
    public const int Failed = 1;

    /// <summary>Wrong usage: unknown option, missing argument, malformed value.</summary>
    public const int Usage = 2;

    /// <summary>Bad input data (a file that cannot be read or parsed).</summary>
    public const int BadInput = 3;
}

/// <summary>An error meant for the user: one line, no stack trace.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
