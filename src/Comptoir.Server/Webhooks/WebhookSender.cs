using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.Webhooks;

/// <summary>The outcome of one attempt: the receiver's status code when it answered, and what went wrong when it did not count.</summary>
public sealed record DeliveryAttempt(bool Delivered, int? StatusCode, string? Error);

/// <summary>
/// Sends one delivery: the signed POST, with the connection made only to addresses the policy allows (checked on the
/// socket connected, so DNS cannot be turned against it), no proxy, no redirects, connect and total timeouts, and
/// at most a few KB of the answer read.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly WebhookSettings _settings;
    private readonly TimeProvider _clock;
    private readonly string _baseUrl;

    public WebhookSender(WebhookSettings settings, ServerOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        _settings = settings;
        _clock = clock;
        _baseUrl = (options.PublicBaseUrl ?? options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]).TrimEnd('/');
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = settings.ConnectTimeout,
            MaxConnectionsPerServer = settings.MaxInFlightPerHost,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = await CallbackAddresses.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, settings, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Comptoir-Webhooks", "1.0"));
    }

    /// <summary>The body a receiver gets: the event's envelope around its stored data.</summary>
    public byte[] Body(ClaimedDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return JsonResponse.ToBytes(json =>
        {
            json.WriteString("id", delivery.EventId);
            json.WriteString("subscription_id", delivery.SubscriptionId);
            json.WriteString("organization_id", delivery.OrganizationId);
            json.WriteNullableString("membership_id", delivery.MembershipId);
            json.WriteString("type", delivery.Type);
            json.WriteString("created_at", delivery.EventCreatedAt);
            json.WritePropertyName("data");
            json.WriteRawValue(WebhookPayloads.Read(delivery.Payload, delivery.Data).Replace("\"" + WebhookEvents.BaseUrlPlaceholder, "\"" + _baseUrl, StringComparison.Ordinal), skipInputValidation: true);
        });
    }

    public async Task<DeliveryAttempt> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var body = Body(delivery);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.CallbackUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSigner.Header, WebhookSigner.Sign(delivery.Secret, _clock.GetUtcNow(), body));
        request.Headers.TryAddWithoutValidation("X-Comptoir-Event-Id", delivery.EventId);
        using var deadline = new CancellationTokenSource(_settings.Timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new DeliveryAttempt(true, status, null);
            }

            string excerpt;
            try
            {
                excerpt = await ReadExcerptAsync(response, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when ((e is IOException or OperationCanceledException or HttpRequestException) && !cancellationToken.IsCancellationRequested)
            {
                // The status came: it is the outcome, whatever became of the body (else the attempt would wait for
                // its lease to run out before it counted).
                excerpt = deadline.IsCancellationRequested
                    ? $"(the rest of the answer did not come within {_settings.Timeout.TotalSeconds:0.###} s)"
                    : "(the answer was cut off)";
            }

            var redirect = status is >= 300 and < 400 ? " (redirects are not followed)" : string.Empty;
            return new DeliveryAttempt(false, status, $"HTTP {status}{redirect}{(excerpt.Length == 0 ? string.Empty : ": " + excerpt)}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(false, null, $"No answer within {_settings.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryAttempt(false, null, Describe(e));
        }
        catch (CallbackRefusedException e)
        {
            return new DeliveryAttempt(false, null, e.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is CallbackRefusedException refused)
            {
                return refused.Message;
            }

            if (inner is SocketException socket)
            {
                return $"Connection failed: {socket.SocketErrorCode}.";
            }
        }

        return e.Message;
    }

    private async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[_settings.MaxResponseBytes];
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
            return text.Length > 200 ? text[..200] + "..." : text;
        }
    }
}
