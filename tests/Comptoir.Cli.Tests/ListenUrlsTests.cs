using Comptoir.Cli.Commands;

namespace Comptoir.Cli.Tests;

public class ListenUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", null)]
    [InlineData("http://localhost:5080;http://[::1]:5081", null)]
    [InlineData("http://127.0.0.2:80", null)]
    [InlineData("http://0.0.0.0:5080", "http://0.0.0.0:5080")]
    [InlineData("http://127.0.0.1:5080;http://192.0.2.10:80", "http://192.0.2.10:80")]
    [InlineData("http://+:80", "http://+:80")]
    [InlineData("http://[::]:80", "http://[::]:80")]
    [InlineData("https://api.example.com", "https://api.example.com")]
    public void Only_loopback_listeners_may_go_without_a_public_url(string urls, string? exposed) =>
        Assert.Equal(exposed, ListenUrls.NonLoopback(urls));

    [Fact]
    public void Serve_refuses_to_listen_beyond_loopback_without_a_public_url()
    {
        var data = Path.Combine(Path.GetTempPath(), "comptoir-listen-" + Guid.NewGuid().ToString("N"));
        var run = CliRun.Invoke("serve", "--data", data, "--urls", "http://0.0.0.0:0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--public-url is required", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data)); // refused before anything was created
    }

    [Fact]
    public void Serve_refuses_a_trusted_proxy_that_is_no_address()
    {
        var run = CliRun.Invoke("serve", "--data", Path.GetTempPath(), "--trusted-proxies", "10.0.0.0/8,proxy.local");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'proxy.local' is neither an IP address nor a CIDR range", run.Error, StringComparison.Ordinal);
    }
}
