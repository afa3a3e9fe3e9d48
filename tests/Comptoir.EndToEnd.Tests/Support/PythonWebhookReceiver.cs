using System.Diagnostics;
using System.Text.Json;

namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>One request the Python receiver recorded: whether its signature held, why not, its headers and raw body.</summary>
public sealed record RecordedHook(bool Verified, string Reason, string? Signature, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string Type => Json.GetProperty("type").GetString()!;

    public string EventId => Json.GetProperty("id").GetString()!;

    public string ResourceId => Json.GetProperty("data").GetProperty("id").GetString()!;
}

/// <summary>
/// Receivers/webhook_receiver.py as a process: a receiver written from the public docs' signature rule with Python's
/// standard library only (Debian's python3), recording every request in a file the test reads.
/// </summary>
public sealed class PythonWebhookReceiver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _records;

    private PythonWebhookReceiver(Process process, string records, int port)
    {
        _process = process;
        _records = records;
        Url = new Uri($"http://127.0.0.1:{port}/hooks");
    }

    public Uri Url { get; }

    public static async Task<PythonWebhookReceiver> StartAsync(string secret, string directory)
    {
        Directory.CreateDirectory(directory);
        var records = Path.Combine(directory, "received.jsonl");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Receivers", "webhook_receiver.py"));
        start.ArgumentList.Add(records);
        start.Environment["WEBHOOK_SECRET"] = secret;
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (line is null || !line.StartsWith("listening on ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the Python receiver did not start: {line} {await process.StandardError.ReadToEndAsync()}");
        }

        return new PythonWebhookReceiver(process, records, int.Parse(line["listening on ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public IReadOnlyList<RecordedHook> Records
    {
        get
        {
            if (!File.Exists(_records))
            {
                return [];
            }

            var hooks = new List<RecordedHook>();
            foreach (var line in File.ReadAllLines(_records))
            {
                try
                {
                    var json = JsonDocument.Parse(line).RootElement;
                    hooks.Add(new RecordedHook(
                        json.GetProperty("verified").GetBoolean(),
                        json.GetProperty("reason").GetString()!,
                        json.GetProperty("signature").GetString(),
                        json.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase),
                        json.GetProperty("body").GetString()!));
                }
                catch (JsonException)
                {
                    // A line being written right now: read again next time.
                }
            }

            return hooks;
        }
    }

    public async Task<IReadOnlyList<RecordedHook>> WaitForAsync(Func<IReadOnlyList<RecordedHook>, bool> condition, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var records = Records;
            if (condition(records))
            {
                return records;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the Python receiver recorded {records.Count} requests; the condition never held:\n{string.Join('\n', records.Select(r => r.Body.Length > 120 ? r.Body[..120] : r.Body))}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
