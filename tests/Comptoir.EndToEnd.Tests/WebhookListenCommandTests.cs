using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Comptoir.EndToEnd.Tests.Support;
using Comptoir.FacturX.Tests.Support;
using Comptoir.Server.Tests.Support;

namespace Comptoir.EndToEnd.Tests;

/// <summary>
/// `comptoir webhooks listen` as a process against `comptoir serve`: it prints a scripted run's events, forwards each
/// to a second receiver (the Python one, which verifies the signature it carries), and leaves no subscription behind.
/// </summary>
public sealed class WebhookListenCommandTests : IDisposable
{
    private const string Secret = "whsec_listen_command_0123456789abcdef012345";
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-e2e-listen-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Listen_prints_and_forwards_each_event_then_deletes_its_subscription_on_sigterm()
    {
        await using var server = await ComptoirProcess.StartAsync(Path.Combine(_data, "server"), "--allow-http-webhooks");
        await using var forwardTarget = await PythonWebhookReceiver.StartAsync(Secret, Path.Combine(_data, "python"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", server.Authorization);

        using var listen = await ListenProcess.StartAsync(
            ["webhooks", "listen", "--types", "v1/clients,v1/client-invoices", "--json", "--forward-to", forwardTarget.Url.AbsoluteUri, "--secret", Secret,
             "--base-url", server.BaseUrl, "--authorization", server.Authorization]);
        var subscriptions = (await ApiAssert.Json(await http.GetAsync("v2/webhook_subscriptions"), HttpStatusCode.OK)).GetProperty("subscriptions");
        var subscription = Assert.Single(subscriptions.EnumerateArray());
        Assert.Equal(["v1/clients", "v1/client-invoices"], subscription.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains(subscription.GetProperty("id").GetString()!, listen.Error, StringComparison.Ordinal);

        var iban = (await ApiAssert.Json(await http.GetAsync("v2/organization"), HttpStatusCode.OK)).GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("iban").GetString()!;
        var clientId = await Seeds.CreateClientAsync(http);
        var invoiceId = (await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(clientId, iban))).GetProperty("id").GetString()!;

        var lines = await listen.WaitForOutputAsync(o => o.Count(l => l.Contains(invoiceId, StringComparison.Ordinal)) >= 1 && o.Any(l => l.Contains(clientId, StringComparison.Ordinal)));
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "v1/clients" && e.GetProperty("data").GetProperty("id").GetString() == clientId);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "v1/client-invoices" && e.GetProperty("data").GetProperty("event").GetString() == "created");

        // Every printed event reached the second receiver with its body and its signature intact.
        var forwarded = await forwardTarget.WaitForAsync(r => events.All(e => r.Any(h => h.EventId == e.GetProperty("id").GetString())));
        Assert.All(forwarded, r => Assert.True(r.Verified, $"{r.Reason}: {r.Signature}"));
        Assert.All(forwarded, r => Assert.Equal(r.EventId, r.Headers["X-Comptoir-Event-Id"]));
        Assert.All(lines, l => Assert.Contains(forwarded, r => r.Body == l));

        Assert.Equal(0, await listen.StopAsync());
        Assert.Contains($"Deleted subscription {subscription.GetProperty("id").GetString()}", listen.Error, StringComparison.Ordinal);
        Assert.Empty((await ApiAssert.Json(await http.GetAsync("v2/webhook_subscriptions"), HttpStatusCode.OK)).GetProperty("subscriptions").EnumerateArray());
    }

    [Fact]
    public async Task Listen_prints_a_readable_line_per_event_and_says_clearly_when_the_server_refuses_local_callbacks()
    {
        await using (var open = await ComptoirProcess.StartAsync(Path.Combine(_data, "open"), "--allow-http-webhooks"))
        {
            using var listen = await ListenProcess.StartAsync(["webhooks", "listen", "--types", "v1/clients", "--base-url", open.BaseUrl, "--authorization", open.Authorization]);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{open.Port}/") };
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", open.Authorization);
            var clientId = await Seeds.CreateClientAsync(http);
            var line = Assert.Single(await listen.WaitForOutputAsync(o => o.Count > 0));
            Assert.Matches($@"^\d\d:\d\d:\d\d  v1/clients +created +{clientId}  Acme Corp  \(event [0-9a-f-]+\)$", line);
            Assert.Equal(0, await listen.StopAsync());
        }

        await using var strict = await ComptoirProcess.StartAsync(Path.Combine(_data, "strict"));
        var refused = ExternalTool.Run("dotnet", [ComptoirProcess.Executable, "webhooks", "listen", "--base-url", strict.BaseUrl, "--authorization", strict.Authorization], TimeSpan.FromMinutes(1));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--allow-http-webhooks or --sandbox", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>`comptoir webhooks listen` running, its stdout lines and stderr collected as they come.</summary>
    private sealed class ListenProcess : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _output = [];
        private readonly List<string> _error = [];

        private ListenProcess(Process process) => _process = process;

        public string Error
        {
            get
            {
                lock (_error)
                {
                    return string.Join('\n', _error);
                }
            }
        }

        public static async Task<ListenProcess> StartAsync(string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(ComptoirProcess.Executable);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            var listen = new ListenProcess(Process.Start(start)!);
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            listen._process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (listen._output)
                    {
                        listen._output.Add(e.Data);
                    }
                }
            };
            listen._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (listen._error)
                {
                    listen._error.Add(e.Data);
                }

                if (e.Data.StartsWith("Press Ctrl-C", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            };
            listen._process.BeginOutputReadLine();
            listen._process.BeginErrorReadLine();
            var started = await Task.WhenAny(ready.Task, listen._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(started == ready.Task, "webhooks listen did not start:\n" + listen.Error);
            return listen;
        }

        public async Task<IReadOnlyList<string>> WaitForOutputAsync(Func<IReadOnlyList<string>, bool> condition)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                List<string> lines;
                lock (_output)
                {
                    lines = [.. _output];
                }

                if (condition(lines))
                {
                    return lines;
                }

                Assert.True(DateTime.UtcNow < deadline, $"webhooks listen printed:\n{string.Join('\n', lines)}\nstderr:\n{Error}");
                await Task.Delay(50);
            }
        }

        /// <summary>SIGTERM, as a service manager or `kill` sends it; returns the exit code.</summary>
        public async Task<int> StopAsync()
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }
}
