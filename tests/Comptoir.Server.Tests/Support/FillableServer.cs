using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Comptoir.Server.Tests.Support;

/// <summary>
/// A SQLite server whose storage really runs out, then gets room back. Where mounting is allowed: the server in this
/// process on a small tmpfs, with a ballast file that <see cref="FreeSpaceAsync"/> deletes (a full disk, ENOSPC).
/// Elsewhere: `comptoir serve` as a child process under a file-size limit (prlimit --fsize, SIGXFSZ ignored, so a
/// write past it fails with EFBIG), which <see cref="FreeSpaceAsync"/> lifts on the running process.
/// </summary>
public abstract class FillableServer : IAsyncDisposable
{
    /// <summary>"tmpfs" or "file-size limit": which kind of full storage this is.</summary>
    public abstract string Kind { get; }

    /// <summary>Authenticated, based at the server's root (v2/..., healthz, readyz).</summary>
    public abstract HttpClient Client { get; }

    /// <summary>
    /// A full file system leaves no room for a new file, which /readyz checks; a per-file size limit does (a new
    /// small file is not over it), so there /readyz is only held to its envelope, not to a 503.
    /// </summary>
    public abstract bool ReadinessSeesFull { get; }

    /// <summary>What the server logged, where it is another process (null in this one): the SQLite errors behind its 503s.</summary>
    public virtual string? Log => null;

    /// <summary>True while the server process runs.</summary>
    public abstract bool IsAlive { get; }

    public static async Task<FillableServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("COMPTOIR_TEST_FULL_DISK") != "file-size-limit" && ScratchVolume.TryMount(8) is { } volume)
        {
            return await TmpfsServer.StartOnAsync(volume);
        }

        return await FileSizeLimitedServer.StartLimitedAsync();
    }

    public abstract Task FreeSpaceAsync();

    public abstract ValueTask DisposeAsync();

    private sealed class TmpfsServer(ScratchVolume volume, RunningServer server, string ballast) : FillableServer
    {
        public override string Kind => "tmpfs";

        public override HttpClient Client { get; } = Rooted(server.BaseAddress, server.Demo.Authorization);

        public override bool ReadinessSeesFull => true;

        public override bool IsAlive => true; // this very process

        public static async Task<FillableServer> StartOnAsync(ScratchVolume volume)
        {
            var data = Directory.CreateDirectory(Path.Combine(volume.Path, "data")).FullName;
            var ballast = Path.Combine(volume.Path, "ballast");
            await File.WriteAllBytesAsync(ballast, new byte[3 * 1024 * 1024]);
            var server = await RunningServer.StartAsync("sqlite", o => o with { Database = Path.Combine(data, "comptoir.db"), DataDirectory = data });
            return new TmpfsServer(volume, server, ballast);
        }

        public override Task FreeSpaceAsync()
        {
            File.Delete(ballast);
            return Task.CompletedTask;
        }

        public override async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await server.DisposeAsync();
            volume.Dispose();
        }
    }

    private sealed class FileSizeLimitedServer(Process process, string data, HttpClient client, ConcurrentQueue<string> log) : FillableServer
    {
        private const long LimitBytes = 6 * 1024 * 1024;

        public override string Kind => "file-size limit";

        public override HttpClient Client => client;

        public override bool ReadinessSeesFull => false;

        public override bool IsAlive => !process.HasExited;

        public override string Log => string.Join('\n', log);

        public static async Task<FillableServer> StartLimitedAsync()
        {
            var data = Directory.CreateTempSubdirectory("comptoir-fsize-").FullName;
            var port = FreePort();
            var cli = Path.Combine(AppContext.BaseDirectory, "comptoir.dll");
            // bash ignores SIGXFSZ and execs prlimit, which execs dotnet: the ignored signal and the limit carry over.
            // Only the soft limit: raising a hard limit needs CAP_SYS_RESOURCE, which a container's root may lack.
            var command = string.Create(CultureInfo.InvariantCulture,
                $"trap '' XFSZ; exec prlimit --fsize={LimitBytes}:unlimited dotnet '{cli}' serve --data '{data}' --urls http://127.0.0.1:{port}");
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command);
            // The runtime's W^X double mapping backs executable memory with a file it sizes far past the limit
            // ("Out of memory" at start); without it the limit only meets the files the server writes.
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
            var process = Process.Start(start)!;
            var log = new ConcurrentQueue<string>();
            process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
            process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var credentials = Path.Combine(data, "credentials.json");
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException($"comptoir serve did not start under prlimit (exit {(process.HasExited ? process.ExitCode : -1)}).");
                }

                if (File.Exists(credentials) && await AnswersAsync(port))
                {
                    break;
                }

                await Task.Delay(100);
            }

            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(credentials));
            var authorization = json.RootElement.GetProperty("authorization").GetString()!;
            return new FileSizeLimitedServer(process, data, Rooted(new Uri($"http://127.0.0.1:{port}/"), authorization), log);
        }

        public override Task FreeSpaceAsync()
        {
            var status = ScratchVolume.Run("prlimit", "--pid", process.Id.ToString(CultureInfo.InvariantCulture), "--fsize=unlimited:unlimited");
            Assert.True(status == 0, $"prlimit --pid failed ({status})");
            return Task.CompletedTask;
        }

        public override async ValueTask DisposeAsync()
        {
            client.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            Directory.Delete(data, recursive: true);
        }

        private static async Task<bool> AnswersAsync(int port)
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                return (await probe.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    private static HttpClient Rooted(Uri baseAddress, string authorization)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + "/"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return client;
    }
}
