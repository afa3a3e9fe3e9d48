using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>`comptoir serve` as a real process on a free port, with the credentials it wrote.</summary>
public sealed class ComptoirProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ComptoirProcess(Process process, string dataDirectory, int port)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/v2";

    public string Authorization { get; private set; } = string.Empty;

    public string? StagingToken { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>The comptoir executable built beside the tests.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "comptoir.dll");

    public static async Task<ComptoirProcess> StartAsync(string dataDirectory, params string[] extra)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Executable, "serve", "--data", dataDirectory, "--urls", $"http://127.0.0.1:{port}" }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("comptoir did not start");
        var server = new ComptoirProcess(process, dataDirectory, port);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (server._output)
            {
                server._output.Add(e.Data);
            }

            if (e.Data.StartsWith("Press Ctrl-C", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != ready.Task)
        {
            throw new InvalidOperationException("comptoir serve did not become ready:\n" + server.Output);
        }

        using var credentials = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dataDirectory, "credentials.json")));
        server.Authorization = credentials.RootElement.GetProperty("authorization").GetString()!;
        server.StagingToken = credentials.RootElement.TryGetProperty("staging_token", out var token) ? token.GetString() : null;
        return server;
    }

    public HttpClient NewClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Authorization);
        if (StagingToken is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("X-Qonto-Staging-Token", StagingToken);
        }

        return client;
    }

    /// <summary>SIGTERM, as Ctrl-C or a service manager would stop it; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: a crash, with no chance to finish anything.</summary>
    public async Task CrashAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await CrashAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
