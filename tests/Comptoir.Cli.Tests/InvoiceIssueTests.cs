using System.Text.Json;
using Comptoir.FacturX.Reading;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Cli.Tests;

public sealed class InvoiceIssueTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("comptoir-issue-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static string[] Connection(RunningServer server) => ["--base-url", new Uri(server.BaseAddress, "v2").ToString(), "--authorization", server.Demo.Authorization];

    [Fact]
    public async Task Issue_finds_or_creates_the_client_and_downloads_a_factur_x_pdf()
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        var first = CliRun.Invoke(["invoice", "issue", "--client-email", "contact@acmecorp.com", "--client-name", "Acme Corp", "--client-siren", "123456789",
            "--item", "Consulting|10|hour|150.00|20%", "--item", "Livres|3|piece|12.99|0.055", "--out", _out, .. Connection(server)]);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Created new client", first.Out, StringComparison.Ordinal);
        Assert.Contains("Factur-X PDF is ready!", first.Out, StringComparison.Ordinal);
        var pdf = Directory.GetFiles(_out, "*.pdf").Single();
        var xml = CiiReader.Read(PdfAttachments.FindInvoiceXml(await File.ReadAllBytesAsync(pdf))!.Content);
        Assert.Equal(1841.11m, xml.Totals.GrandTotal); // 1500 + 300 VAT, 38.97 + 2.14 VAT

        var second = CliRun.Invoke(["invoice", "issue", "--client-email", "contact@acmecorp.com", "--item", "Audit|1|day|900|20%", "--out", _out, "--json", .. Connection(server)]);
        Assert.True(second.ExitCode == 0, second.Error);
        using var summary = JsonDocument.Parse(second.StandardOutput);
        Assert.False(summary.RootElement.GetProperty("client_created").GetBoolean());
        Assert.Equal("F-2026-000002", summary.RootElement.GetProperty("number").GetString());
        Assert.Equal("1080.00", summary.RootElement.GetProperty("total_amount").GetString());
        Assert.True(File.Exists(summary.RootElement.GetProperty("file").GetString()));
    }

    [Theory]
    [InlineData("no pipes")]
    [InlineData("A|x|h|1|20%")]
    [InlineData("A|1|h|-3|20%")]
    [InlineData("A|1|h|1|120%")]
    [InlineData("|1|h|1|20%")]
    public void Malformed_item_specs_are_one_line_usage_errors(string spec)
    {
        var run = CliRun.Invoke("invoice", "issue", "--client-email", "a@b.fr", "--item", spec, "--out", _out, "--authorization", "x:y");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("--item", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_and_an_unreachable_server_are_one_line_errors()
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        var denied = CliRun.Invoke("invoice", "issue", "--client-email", "a@b.fr", "--item", "A|1|h|1|20%", "--out", _out, "--base-url", new Uri(server.BaseAddress, "v2").ToString(), "--authorization", "comptoir-demo:wrong");
        Assert.Equal(ExitCodes.Failed, denied.ExitCode);
        Assert.Contains("HTTP 401", denied.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", denied.Error, StringComparison.Ordinal);

        var unreachable = CliRun.Invoke("invoice", "issue", "--client-email", "a@b.fr", "--item", "A|1|h|1|20%", "--out", _out, "--base-url", "http://127.0.0.1:9/v2", "--authorization", "x:y");
        Assert.Equal(ExitCodes.Failed, unreachable.ExitCode);
        Assert.Contains("cannot reach the API", unreachable.Error, StringComparison.Ordinal);
    }
}
