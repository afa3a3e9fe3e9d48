using System.Net;
using System.Net.Sockets;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// Which addresses a delivery may connect to. Private, loopback, link-local (cloud metadata at 169.254.169.254 among
/// them), shared (100.64/10), unspecified and multicast addresses are refused unless the configuration allows them,
/// so a callback URL cannot make the server reach into the network it runs in. Checked on the address actually
/// connected to, after DNS, so a name that resolves differently at delivery time (DNS rebinding) gains nothing.
/// </summary>
public static class CallbackAddresses
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Why <paramref name="address"/> may not be reached, or null when it may.</summary>
    public static string? Refusal(IPAddress address, WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(settings);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (settings.AllowedNetworks.Any(n => n.Contains(plain)))
        {
            return null;
        }

        if (IPAddress.IsLoopback(plain))
        {
            return settings.AllowLoopback ? null : $"{plain} is a loopback address (allowed only with --sandbox or --allow-http-webhooks)";
        }

        return Internal.Any(n => n.Contains(plain)) ? $"{plain} is a private, link-local or reserved address" : null;
    }

    /// <summary>Whether <paramref name="host"/> names this machine (localhost or a loopback address).</summary>
    public static bool IsLoopbackHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var trimmed = host.Trim('[', ']');
        return string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase)
            || trimmed.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(trimmed, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>Connects to the first address of <paramref name="host"/> that may be reached; refuses when none may.</summary>
    public static async ValueTask<Socket> ConnectAsync(string host, int port, WebhookSettings settings, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var refusals = new List<string>();
        foreach (var address in addresses)
        {
            if (Refusal(address, settings) is { } refusal)
            {
                refusals.Add(refusal);
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                // The address checked is the one connected to: the socket's own remote end.
                if (socket.RemoteEndPoint is IPEndPoint connected && Refusal(connected.Address, settings) is { } late)
                {
                    socket.Dispose();
                    throw new CallbackRefusedException($"Refused to deliver to {host}: {late}.");
                }

                return socket;
            }
            catch (SocketException) when (address != addresses[^1])
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new CallbackRefusedException(addresses.Length == 0
            ? $"{host} resolves to no address."
            : $"Refused to deliver to {host}: {string.Join("; ", refusals.Distinct())}.");
    }
}

/// <summary>A callback the delivery policy does not let the server reach.</summary>
public sealed class CallbackRefusedException(string message) : Exception(message);
