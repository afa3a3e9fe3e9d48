using Comptoir.Cli;
using Comptoir.Cli.Commands;

namespace Comptoir.Cli.Tests;

public class WebhookServeOptionsTests
{
    [Fact]
    public void The_defaults_become_the_settings_and_the_deferral_under_load_is_a_second()
    {
        var settings = WebhookServeOptions.Read(false, null, "1s", "3d", "30d");

        Assert.Equal(TimeSpan.FromSeconds(1), settings.Timeout);
        Assert.Equal(TimeSpan.FromDays(3), settings.RetryWindow);
        Assert.Equal(TimeSpan.FromDays(30), settings.Retention);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.MaxDeferral);
    }

    [Theory]
    [InlineData("0s", 0)]
    [InlineData("250ms", 250)]
    [InlineData("1m", 60_000)]
    public void The_deferral_under_load_may_be_turned_off_or_set_up_to_a_minute(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), WebhookServeOptions.Read(false, null, "1s", "3d", "30d", text).MaxDeferral);

    [Theory]
    [InlineData("2m")]
    [InlineData("-1s")]
    [InlineData("soon")]
    public void A_deferral_that_is_no_duration_or_over_a_minute_is_a_usage_error(string text)
    {
        var error = Assert.Throws<CliException>(() => WebhookServeOptions.Read(false, null, "1s", "3d", "30d", text));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("--webhook-defer-under-load", error.Message, StringComparison.Ordinal);
    }
}
