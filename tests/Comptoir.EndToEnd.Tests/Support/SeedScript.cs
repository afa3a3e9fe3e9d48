namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>Runs one of the seeds' Python or Node examples against a server, in a scratch working directory.</summary>
public static class SeedScript
{
    public static (ExternalToolResult Result, string WorkingDirectory) Run(string script, ComptoirProcess server, params (string Name, string Value)[] environment)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("comptoir-seed-").FullName;
        var path = Path.Combine(AppContext.BaseDirectory, "Seeds", script);
        var interpreter = script.EndsWith(".py", StringComparison.Ordinal) ? "/usr/bin/python3" : "node";
        var start = new System.Diagnostics.ProcessStartInfo(interpreter) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        start.Environment["COMPTOIR_BASE_URL"] = server.BaseUrl;
        start.Environment["COMPTOIR_AUTHORIZATION"] = server.Authorization;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(true);
            throw new TimeoutException($"{script} did not finish.");
        }

        return (new ExternalToolResult(process.ExitCode, output.Result, error.Result), workingDirectory);
    }
}

public sealed record ExternalToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
