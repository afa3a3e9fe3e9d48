using System.Net;

namespace Comptoir.Client.Tests;

/// <summary>
/// Sits between the SDK and the real server: fails the first attempts of POSTs in a chosen way (dropped connection,
/// 500, 429 with Retry-After), then lets requests through; records the idempotency key of every attempt.
/// </summary>
public sealed class FaultInjectingHandler(Queue<string> faults) : DelegatingHandler(new HttpClientHandler())
{
    public Queue<string> Faults { get; } = faults;

    public List<string?> IdempotencyKeys { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post)
        {
            IdempotencyKeys.Add(request.Headers.TryGetValues("X-Qonto-Idempotency-Key", out var keys) ? keys.Single() : null);
            if (Faults.TryDequeue(out var fault))
            {
                switch (fault)
                {
                    case "drop":
                        throw new HttpRequestException("connection reset (injected)");
                    case "drop-after-send":
                        // The server did the work, but the answer is lost on the way back.
                        using (await base.SendAsync(request, cancellationToken))
                        {
                            throw new HttpRequestException("connection reset after the request was processed (injected)");
                        }

                    case "500":
                        return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("{\"errors\":[{\"code\":\"internal_error\",\"detail\":\"injected\"}]}") };
                    case "429":
                        var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{\"errors\":[{\"code\":\"rate_limited\",\"detail\":\"injected\"}]}") };
                        limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                        return limited;
                }
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
