using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Comptoir.Server.Tests.Support;

/// <summary>A response read off a raw socket: status, headers (names lower-cased) and body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    /// <summary>Asserts the API's error envelope: JSON, a trace id in the header equal to the body's, and a detail.</summary>
    public JsonElement AssertEnvelope(int status)
    {
        Assert.True(Status == status, $"expected {status}, got {Status}: {Body}");
        Assert.StartsWith("application/json", Header("Content-Type"), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(Body);
        var root = document.RootElement;
        var trace = Header("X-Comptoir-Trace-Id");
        Assert.False(string.IsNullOrEmpty(trace));
        Assert.Equal(trace, root.GetProperty("trace_id").GetString());
        var error = root.GetProperty("errors")[0];
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("detail").GetString()));
        return error.Clone();
    }
}

/// <summary>
/// Sends bytes exactly as given over a TCP socket, so a test can send what HttpClient refuses to (bad request
/// lines, raw control bytes, a lying Content-Length), and reads the one response until the server closes.
/// </summary>
public static class RawHttp
{
    public static Task<RawResponse> SendAsync(Uri server, string requestHead, byte[]? body = null) =>
        SendAsync(server, Encoding.Latin1.GetBytes(requestHead), body);

    public static async Task<RawResponse> SendAsync(Uri server, byte[] requestHead, byte[]? body = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(requestHead, timeout.Token);
        if (body is not null)
        {
            await stream.WriteAsync(body, timeout.Token);
        }

        await stream.FlushAsync(timeout.Token);
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (Complete(received.ToArray()) is { } done)
                {
                    return done;
                }
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server reset the connection after answering (it had not read the whole request): keep the answer.
        }

        return Complete(received.ToArray()) ?? throw new IOException($"No complete response; got: {Encoding.Latin1.GetString(received.ToArray())}");
    }

    /// <summary>The response when its head and Content-Length bytes of body have arrived, else null.</summary>
    private static RawResponse? Complete(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = text[(end + 4)..];
        var length = headers.TryGetValue("content-length", out var declared) ? int.Parse(declared, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        if (length is null && headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return body.EndsWith("0\r\n\r\n", StringComparison.Ordinal) ? new RawResponse(status, headers, Unchunk(body)) : null;
        }

        return length is { } n && Encoding.UTF8.GetByteCount(body) < n ? null : new RawResponse(status, headers, body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
