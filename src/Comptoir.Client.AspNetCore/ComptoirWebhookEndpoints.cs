using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Comptoir.Client.AspNetCore;

/// <summary>
/// <c>app.MapComptoirWebhook("/hooks/comptoir", secret, handler)</c>: a POST endpoint that receives webhook deliveries.
/// </summary>
/// <remarks>
/// <para>For each request it reads the raw body (up to <see cref="ComptoirWebhookOptions.MaxBodyBytes"/>, else 413),
/// checks X-Qonto-Signature and its 5-minute tolerance (401 otherwise), parses the event (400 when it is not one),
/// drops a duplicate by event id (200 without calling the handler), then runs the handler and answers.</para>
/// <para><b>The handler runs before the answer.</b> It returns: 200, and the event is remembered as handled. It
/// throws: 500, the event is released, and the server delivers it again on its retry schedule; so an event is never
/// lost to a crash between the answer and the work. The sender waits 1 s for the answer by default: a handler that
/// takes longer has its delivery counted as failed and retried, and the retry is dropped as a duplicate once the first
/// run has completed. Keep the handler short (write the event to your own queue or table and return); it gets the
/// application's stopping token, not the request's, so a sender that gives up does not cancel work half done.</para>
/// <para>Errors are answered as <c>{"errors": [{"code", "detail"}]}</c>. Test events (<see cref="WebhookEvent.IsTest"/>)
/// reach the handler like any other.</para>
/// </remarks>
public static class ComptoirWebhookEndpoints
{
    /// <summary>Receives deliveries signed with <paramref name="secret"/> at <paramref name="pattern"/> and hands each new event to <paramref name="handler"/>.</summary>
    public static IEndpointConventionBuilder MapComptoirWebhook(this IEndpointRouteBuilder endpoints, string pattern, string secret, Func<WebhookEvent, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapComptoirWebhook(pattern, new ComptoirWebhookOptions { Secret = secret }, (hook, _, cancellationToken) => handler(hook, cancellationToken));
    }

    /// <summary>The same, with the request's services (a scope per delivery) for the handler's dependencies.</summary>
    public static IEndpointConventionBuilder MapComptoirWebhook(this IEndpointRouteBuilder endpoints, string pattern, string secret, Func<WebhookEvent, IServiceProvider, CancellationToken, Task> handler) =>
        endpoints.MapComptoirWebhook(pattern, new ComptoirWebhookOptions { Secret = secret }, handler);

    /// <summary>The same, with every option (tolerance, body limit, deduplicator, clock).</summary>
    public static IEndpointConventionBuilder MapComptoirWebhook(this IEndpointRouteBuilder endpoints, string pattern, ComptoirWebhookOptions options, Func<WebhookEvent, IServiceProvider, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentException.ThrowIfNullOrEmpty(options.Secret, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBodyBytes, 1);

        var services = endpoints.ServiceProvider;
        var receiver = new WebhookDeliveryReceiver(
            options.Secret,
            options.Tolerance,
            options.MaxBodyBytes,
            options.Deduplicator ?? services.GetService<IWebhookEventDeduplicator>() ?? new InMemoryWebhookEventDeduplicator(),
            options.Clock ?? services.GetService<TimeProvider>() ?? TimeProvider.System,
            handler,
            services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None,
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(ComptoirWebhookEndpoints).FullName!) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        return endpoints.MapPost(pattern, receiver.ReceiveAsync);
    }
}
