using Comptoir.Cli.Commands;

namespace Comptoir.Cli.Tests;

public sealed class SyncProgressTests
{
    [Fact]
    public void Off_a_terminal_it_writes_a_plain_line_every_hundred_records()
    {
        var output = new StringWriter();
        var progress = new SyncProgress(output, terminal: false, "invoices");
        for (var i = 0; i < 250; i++)
        {
            progress.Stored();
        }

        progress.Skipped();
        progress.Finish();

        Assert.Equal(["  100 invoices written", "  200 invoices written"], output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\r', output.ToString());
        Assert.Equal((251, 250), (progress.Fetched, progress.Written));
    }

    [Fact]
    public void On_a_terminal_it_redraws_one_line_and_ends_it_with_the_final_counts()
    {
        var output = new StringWriter();
        var progress = new SyncProgress(output, terminal: true, "transactions");
        progress.Downloaded();
        for (var i = 0; i < 1_000; i++)
        {
            progress.Stored();
        }

        progress.Finish();
        var text = output.ToString();

        Assert.StartsWith("\r", text, StringComparison.Ordinal);
        Assert.EndsWith("transactions: 1000 fetched, 1000 written, 1 files " + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.True(text.Count(c => c == '\r') < 50, "redraws are throttled");
    }

    [Fact]
    public void Nothing_written_leaves_the_terminal_untouched()
    {
        var output = new StringWriter();
        new SyncProgress(output, terminal: true, "invoices").Finish();
        Assert.Equal(string.Empty, output.ToString());
    }
}
