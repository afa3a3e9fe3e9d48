using System.Text;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>One real listening server for the raw-socket cases.</summary>
public sealed class RawSocketServer : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync("sqlite");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Requests HttpClient would never send, written byte for byte on a TCP socket. Those the server can read as a
/// request reach the error middleware and get the envelope with the trace id: a target over the API's 8 KB (414),
/// headers over its 32 KB (431), a NUL in the query (400), control characters in the path (404), a body over the
/// server's limit (413).
/// Kestrel's hard limits sit above the API's so that those come in the envelope.
/// </summary>
public sealed class KestrelRejectionTests(RawSocketServer fixture) : IClassFixture<RawSocketServer>
{
    private string Auth => $"Authorization: {fixture.Server.Demo.Authorization}\r\n";

    private string Head(string requestLine, string headers = "") =>
        $"{requestLine}\r\nHost: localhost\r\n{Auth}{headers}Connection: close\r\n\r\n";

    [Fact]
    public async Task A_100_KB_query_string_is_a_414_in_the_envelope()
    {
        var response = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head($"GET /v2/clients?filter[email]={new string('a', 100 * 1024)} HTTP/1.1"));

        var error = response.AssertEnvelope(414);
        Assert.Equal("uri_too_long", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_target_at_the_api_limit_is_served_and_one_byte_more_is_a_414()
    {
        var path = "/v2/clients?pad=";
        var atLimit = path + new string('a', RequestHeadChecks.MaxTargetBytes - path.Length);

        var served = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head($"GET {atLimit} HTTP/1.1"));
        var over = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head($"GET {atLimit}a HTTP/1.1"));

        Assert.Equal(200, served.Status);
        over.AssertEnvelope(414);
    }

    [Fact]
    public async Task A_64_KB_header_is_a_431_in_the_envelope()
    {
        var response = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head("GET /v2/clients HTTP/1.1", $"X-Junk: {new string('j', 64 * 1024)}\r\n"));

        var error = response.AssertEnvelope(431);
        Assert.Equal("headers_too_large", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Many_headers_adding_up_over_32_KB_are_a_431_in_the_envelope()
    {
        var headers = string.Concat(Enumerable.Range(0, 90).Select(i => $"X-Junk-{i}: {new string('j', 400)}\r\n"));

        var response = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head("GET /v2/clients HTTP/1.1", headers));

        response.AssertEnvelope(431);
    }

    [Theory]
    [InlineData("/v2/cli\u0001ents")]
    [InlineData("/v2/clients/\u007f")]
    [InlineData("/v2/clients/%01%1F")]
    public async Task A_control_character_in_the_path_is_a_404_in_the_envelope(string target)
    {
        var response = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head($"GET {target} HTTP/1.1"));

        response.AssertEnvelope(404);
    }

    [Fact]
    public async Task A_nul_in_a_query_value_is_a_400_naming_the_parameter()
    {
        var response = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head("GET /v2/clients?filter[email]=a%00b HTTP/1.1"));

        var error = response.AssertEnvelope(400);
        Assert.Equal("filter[email]", error.GetProperty("source").GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("/v2/clients/%FF%FE")]
    [InlineData("/v2/clients/%C3%28")]
    [InlineData("/v2/%E2%82")]
    public async Task Invalid_utf8_in_the_path_is_answered_in_the_envelope(string target)
    {
        var response = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head($"GET {target} HTTP/1.1"));

        Assert.InRange(response.Status, 400, 499);
        response.AssertEnvelope(response.Status);
    }

    [Fact]
    public async Task A_body_over_the_server_limit_is_a_413_in_the_envelope()
    {
        var head = Head("POST /v2/attachments HTTP/1.1",
            $"X-Qonto-Idempotency-Key: {Guid.NewGuid()}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {ComptoirServer.MaxRequestBodyBytes + 1}\r\n");

        var response = await RawHttp.SendAsync(fixture.Server.BaseAddress, head, Encoding.ASCII.GetBytes("--b\r\n"));

        response.AssertEnvelope(413);
    }

    /// <summary>
    /// What Kestrel refuses while it parses the request head, before any middleware runs: it writes the status with an
    /// empty body and closes the connection, and offers no hook to write a body (Kestrel answers these itself by
    /// design; see aspnet/KestrelHttpServer#2947). These cannot carry the envelope; they are still never a 5xx, and
    /// never leave the connection open for a request that was not understood.
    /// </summary>
    [Theory]
    [InlineData("garbage request line", "GARBAGE\r\n\r\n", 400)]
    [InlineData("a NUL in the path", "GET /v2/clients/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400)]
    [InlineData("a NUL inside an id", "GET /v2/client_invoices/abc%00def HTTP/1.1\r\nHost: x\r\n\r\n", 400)]
    [InlineData("a raw NUL in the path", "GET /v2/clients/\0 HTTP/1.1\r\nHost: x\r\n\r\n", 400)]
    [InlineData("a space in the path", "GET /v2/cli ents HTTP/1.1\r\nHost: x\r\n\r\n", 400)]
    [InlineData("a target that is not a path", "GET v2/clients HTTP/1.1\r\nHost: x\r\n\r\n", 400)]
    [InlineData("an unknown HTTP version", "GET /v2/clients HTTP/9.9\r\nHost: x\r\n\r\n", 505)]
    [InlineData("no Host header", "GET /v2/clients HTTP/1.1\r\n\r\n", 400)]
    [InlineData("a NUL in a header value", "GET /v2/clients HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n", 400)]
    [InlineData("a header line without a colon", "GET /v2/clients HTTP/1.1\r\nHost: x\r\nnonsense\r\n\r\n", 400)]
    [InlineData("a Content-Length that is not a number", "POST /v2/clients HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400)]
    [InlineData("a negative Content-Length", "POST /v2/clients HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400)]
    [InlineData("two different Content-Lengths", "POST /v2/clients HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400)]
    [InlineData("an unknown Transfer-Encoding", "POST /v2/clients HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400)]
    public async Task What_Kestrel_refuses_before_the_pipeline_is_a_4xx_that_closes_the_connection(string name, string request, int status)
    {
        var response = await RawHttp.SendAsync(fixture.Server.BaseAddress, request);

        Assert.True(status == response.Status, $"{name}: expected {status}, got {response.Status}");
        Assert.Equal("close", response.Header("Connection"));
        Assert.Equal("0", response.Header("Content-Length"));
    }

    /// <summary>Past Kestrel's hard limits (well above the API's) the request head is not even buffered: no body either.</summary>
    [Fact]
    public async Task Past_the_hard_limits_Kestrel_answers_414_and_431_itself()
    {
        var target = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head($"GET /v2/clients?q={new string('a', RequestHeadChecks.HardMaxTargetBytes)} HTTP/1.1"));
        var headers = await RawHttp.SendAsync(fixture.Server.BaseAddress, Head("GET /v2/clients HTTP/1.1", $"X-Junk: {new string('j', RequestHeadChecks.HardMaxHeaderBytes)}\r\n"));

        Assert.Equal((414, "close"), (target.Status, target.Header("Connection")));
        Assert.Equal((431, "close"), (headers.Status, headers.Header("Connection")));
    }
}
