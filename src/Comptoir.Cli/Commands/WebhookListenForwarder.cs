using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Cli.Commands;

/// <summary>
/// Sends what the listener received on to the developer's own endpoint: the same raw body and headers (the signature
/// among them, so the endpoint verifies it with the listener's secret), and brings back its status code.
/// </summary>
internal sealed class WebhookListenForwarder(Uri target) : IDisposable
{
    // Headers of this one hop, or that HttpClient sets itself.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authorization", "Expect",
    };

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public Uri Target => target;

    /// <summary>The endpoint's status code, or null and why when it could not be reached.</summary>
    public async Task<(int? Status, string? Error)> ForwardAsync(IHeaderDictionary headers, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        foreach (var (name, values) in headers)
        {
            if (NotForwarded.Contains(name))
            {
                continue;
            }

            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Content.Headers.ContentType ??= new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return ((int)response.StatusCode, null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    public void Dispose() => _http.Dispose();
}
