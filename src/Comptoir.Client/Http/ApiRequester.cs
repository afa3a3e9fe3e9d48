using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Comptoir.Client.Http;

/// <summary>
/// Sends requests with the credentials, retries network failures, 5xx and 429 (honouring Retry-After) with capped,
/// jittered exponential back-off, and gives every POST one idempotency key that stays the same across its retries,
/// so a retried payment is never made twice. Non-success answers become <see cref="ComptoirApiException"/>.
/// </summary>
internal sealed class ApiRequester(HttpClient http, ComptoirClientOptions options, TimeProvider clock)
{
    public const string IdempotencyHeader = "X-Qonto-Idempotency-Key";

    public HttpClient Http => http;

    public TimeProvider Clock => clock;

    public Uri BaseUrl => options.NormalizedBaseUrl;

    public async Task<T> SendAsync<T>(HttpMethod method, string path, JsonTypeInfo<T> responseType, HttpContent? content = null, string? idempotencyKey = null,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(method, path, content, idempotencyKey, headers, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false)
            ?? throw new ComptoirApiException(response.StatusCode, [], null, "empty body");
    }

    /// <summary>Sends with retries; returns a success response (the caller disposes it) or throws.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, string? idempotencyKey,
        IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        // One key per logical call, generated before the first attempt and reused by every retry.
        var key = method == HttpMethod.Post ? idempotencyKey ?? Guid.NewGuid().ToString() : null;
        var body = content is null ? null : await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var contentType = content?.Headers.ContentType;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path.TrimStart('/')));
            request.Headers.TryAddWithoutValidation("Authorization", options.Authorization);
            request.Headers.UserAgent.ParseAdd(options.UserAgent);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (options.StagingToken is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Qonto-Staging-Token", options.StagingToken);
            }

            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation(IdempotencyHeader, key);
            }

            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = contentType;
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && attempt < options.MaxRetries)
            {
                await DelayAsync(attempt, null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var retryable = response.StatusCode is HttpStatusCode.TooManyRequests || ((int)response.StatusCode >= 500 && (int)response.StatusCode != 501)
                || (response.StatusCode == HttpStatusCode.Conflict && key is not null && await IsInFlightAsync(response, cancellationToken).ConfigureAwait(false));
            if (retryable && attempt < options.MaxRetries)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date is { } date ? date - clock.GetUtcNow() : null);
                response.Dispose();
                await DelayAsync(attempt, retryAfter, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> IsInFlightAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // 409 idempotency_key_in_use: the first attempt is still running on the server; wait and ask again.
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Contains("idempotency_key_in_use", StringComparison.Ordinal);
    }

    internal static async Task<ComptoirApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var raw = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var traceId = response.Headers.TryGetValues("X-Comptoir-Trace-Id", out var values) ? values.FirstOrDefault() : null;
        try
        {
            var envelope = JsonSerializer.Deserialize(raw, ComptoirJsonContext.Default.ErrorEnvelope);
            var errors = envelope?.Errors?.Select(e => new ApiErrorDetail(e.Code ?? "unknown", e.Detail ?? string.Empty, e.Source?.Pointer, e.Source?.Parameter)).ToList() ?? [];
            var fields = new Dictionary<string, string>();
            if (envelope?.ScaSessionToken is { } sca)
            {
                fields["sca_session_token"] = sca;
            }

            return new ComptoirApiException(response.StatusCode, errors, envelope?.TraceId ?? traceId, raw, fields);
        }
        catch (JsonException)
        {
            return new ComptoirApiException(response.StatusCode, [], traceId, raw);
        }
    }

    private async Task DelayAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var exponential = options.InitialBackoff * Math.Pow(2, attempt);
        var capped = TimeSpan.FromTicks(Math.Min(exponential.Ticks, options.MaxBackoff.Ticks));
        // Full jitter keeps many clients from retrying in step; a server's Retry-After is a floor.
        var delay = TimeSpan.FromTicks((long)(capped.Ticks * (0.5 + (Random.Shared.NextDouble() / 2))));
        if (retryAfter is { } floor && floor > delay)
        {
            delay = floor < options.MaxBackoff * 6 ? floor : options.MaxBackoff * 6;
        }

        await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
