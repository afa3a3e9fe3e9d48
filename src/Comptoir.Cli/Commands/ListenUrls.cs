using System.Net;

namespace Comptoir.Cli.Commands;

/// <summary>Reads Kestrel listen URLs ("http://127.0.0.1:5080;http://0.0.0.0:80").</summary>
public static class ListenUrls
{
    /// <summary>The first URL that other machines could reach (a wildcard, a non-loopback address or a name), or null.</summary>
    public static string? NonLoopback(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = HostOf(url);
            var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
            if (!loopback)
            {
                return url;
            }
        }

        return null;
    }

    private static string HostOf(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        if (rest.StartsWith('['))
        {
            return rest[1..rest.IndexOf(']', StringComparison.Ordinal)];
        }

        var end = rest.IndexOfAny([':', '/']);
        return end < 0 ? rest : rest[..end];
    }
}
