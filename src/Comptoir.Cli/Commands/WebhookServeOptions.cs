using System.Net;
using Comptoir.Server.Webhooks;

namespace Comptoir.Cli.Commands;

/// <summary>The webhook options of `comptoir serve`, checked and turned into <see cref="WebhookSettings"/>.</summary>
public static class WebhookServeOptions
{
    public static WebhookSettings Read(bool allowHttp, string? networks, string timeout, string retryFor, string retention, string deferUnderLoad = "1s")
    {
        if (!Durations.TryParse(timeout, out var deliveryTimeout) || deliveryTimeout <= TimeSpan.Zero)
        {
            throw new CliException($"--webhook-timeout: '{timeout}' is not a positive duration (1s, 500ms).", ExitCodes.Usage);
        }

        if (!Durations.TryParse(retryFor, out var window))
        {
            throw new CliException($"--webhook-retry-for: '{retryFor}' is not a duration (3d, 12h).", ExitCodes.Usage);
        }

        if (!Durations.TryParse(retention, out var kept) || kept <= TimeSpan.Zero)
        {
            throw new CliException($"--webhook-retention: '{retention}' is not a positive duration (30d, 12h).", ExitCodes.Usage);
        }

        if (!Durations.TryParse(deferUnderLoad, out var deferral) || deferral > TimeSpan.FromMinutes(1))
        {
            throw new CliException($"--webhook-defer-under-load: '{deferUnderLoad}' is not a duration of at most a minute (1s, 0s to never wait).", ExitCodes.Usage);
        }

        var allowed = new List<IPNetwork>();
        foreach (var text in (networks ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPNetwork.TryParse(text, out var network))
            {
                throw new CliException($"--webhook-allow-networks: '{text}' is not a CIDR range (10.0.0.0/8, fd00::/8).", ExitCodes.Usage);
            }

            allowed.Add(network);
        }

        return new WebhookSettings
        {
            AllowLoopback = allowHttp,
            AllowedNetworks = allowed,
            Timeout = deliveryTimeout,
            ConnectTimeout = deliveryTimeout < TimeSpan.FromSeconds(1) ? deliveryTimeout : TimeSpan.FromSeconds(1),
            RetryWindow = window,
            Retention = kept,
            MaxDeferral = deferral,
        };
    }
}
