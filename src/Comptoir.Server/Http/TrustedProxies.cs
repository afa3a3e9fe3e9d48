using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Comptoir.Server.Http;

/// <summary>
/// X-Forwarded-For / -Proto / -Host believed only from the configured proxies: the client's address (which rate limits
/// and the authentication throttle count by), scheme and host come from them, walking back through a chain of trusted
/// proxies to the first address that is not one. Anyone else's forwarded headers are ignored.
/// </summary>
public static class TrustedProxies
{
    /// <summary>Options for the framework's forwarded-headers middleware; an entry that is no address or CIDR range throws.</summary>
    public static ForwardedHeadersOptions Options(IEnumerable<string> proxies)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = null,
        };
        // The defaults trust loopback; only what the operator names is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in proxies.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            options.KnownIPNetworks.Add(Parse(entry));
        }

        return options;
    }

    public static System.Net.IPNetwork Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (System.Net.IPNetwork.TryParse(entry, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(entry, out var address))
        {
            return new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new ArgumentException($"'{entry}' is neither an IP address nor a CIDR range (e.g. 10.0.0.0/8).", nameof(entry));
    }
}
