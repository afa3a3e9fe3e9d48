using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server.Health;

/// <summary>
/// GET /healthz (liveness: the process answers; touches nothing) and GET /readyz (readiness: the storage serves a
/// read, commits a write, and on SQLite has room for new data; see <see cref="StorageProbe"/>). For load balancers
/// and orchestrators: no credentials, outside /v2 and so outside the rate limits.
/// </summary>
public static partial class HealthApi
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    // Past this the storage counts as not ready: a PostgreSQL that does not answer would otherwise hold the probe
    // for the driver's connection timeout, longer than orchestrators wait.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("").WithTags("Health").AllowAnonymous();
        health.MapGet(LivenessPath, Alive)
            .WithSummary("Liveness: the process is up")
            .WithDescription("Touches no storage: a 200 means only that the process answers. Restart the process when this fails.")
            .Returns<HealthStatusDoc>();
        health.MapGet(ReadinessPath, ReadyAsync)
            .WithSummary("Readiness: the storage serves reads and writes")
            .WithDescription($"A read, a committed one-row write, and on SQLite {StorageProbe.RoomBytes / 1024} KiB of room beside the database file. "
                + "A 503 (with Retry-After) means the disk is full, the database or its directory is gone or read-only, or PostgreSQL is out of reach: "
                + "stop sending traffic, do not restart; the server recovers by itself once storage is back.")
            .Returns<HealthStatusDoc>().WithErrors(503);
        return app;
    }

    private static JsonResponse Alive() => Status("alive");

    private static async Task<JsonResponse> ReadyAsync(HttpContext context, Database database, TimeProvider clock, ILoggerFactory loggers)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(ProbeTimeout);
        StorageProbeFailure? failure;
        try
        {
            failure = await StorageProbe.RunAsync(database, clock, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            failure = new StorageProbeFailure("answer", new TimeoutException($"The storage did not answer within {ProbeTimeout.TotalSeconds:0} s."));
        }

        if (failure is null)
        {
            return Status("ready");
        }

        LogNotReady(loggers.CreateLogger(typeof(HealthApi)), failure.Exception, failure.Check);
        // The cause stays in the log: this route answers anyone, and a driver's message can name paths and hosts.
        var error = new ApiException(503, new ApiError("service_unavailable", $"The storage is not ready (its {failure.Check} check failed); retry in a few seconds."));
        error.Headers["Retry-After"] = "2";
        throw error;
    }

    private static JsonResponse Status(string status) => JsonResponse.Ok(json => json.WriteString("status", status));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: the storage's {Check} check failed")]
    private static partial void LogNotReady(ILogger logger, Exception exception, string check);
}
