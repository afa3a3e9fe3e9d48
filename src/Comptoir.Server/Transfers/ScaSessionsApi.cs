using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Transfers;

/// <summary>
/// Strong customer authentication sessions, as the public API documents them: a client polls
/// <c>GET /v2/sca_sessions/{token}</c> after a 428 until the user allows or denies; the sandbox decides in place of
/// the phone (<c>/v2/mocked_sca_sessions/{token}/allow|deny</c>). All need payment.write on the session's organization.
/// </summary>
public static class ScaSessionsApi
{
    public static IEndpointRouteBuilder MapScaSessionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/sca_sessions/{token}", Get).RequireScope(Scopes.PaymentWrite).WithTags("Transfers")
            .WithSummary("Poll a strong customer authentication session").Returns<ScaSessionDoc>().WithErrors(404, 412);
        var mocked = app.MapGroup("/v2/mocked_sca_sessions").RequireScope(Scopes.PaymentWrite).WithTags("Transfers");
        mocked.MapGet("/{token}", GetMocked)
            .WithSummary("Poll an SCA session (sandbox only)").Returns<ScaSessionDoc>().WithErrors(404, 412);
        mocked.MapPost("/{token}/allow", (HttpContext c, ScaSessions s, ServerOptions o, string token) => Decide(c, s, o, token, approve: true))
            .WithSummary("Allow an SCA session, as the phone app would (sandbox only)").Returns<ScaMessageDoc>().WithErrors(404);
        mocked.MapPost("/{token}/deny", (HttpContext c, ScaSessions s, ServerOptions o, string token) => Decide(c, s, o, token, approve: false))
            .WithSummary("Deny an SCA session, as the phone app would (sandbox only)").Returns<ScaMessageDoc>().WithErrors(404);
        // The first form Comptoir offered, kept for the clients written against it.
        mocked.MapPost("/{token}", DecideFromBody)
            .WithSummary("Approve (default) or deny an SCA session (sandbox only; prefer /allow and /deny)").AcceptsJson<ScaDecisionRequestDoc>(optional: true)
            .Returns<ScaDecisionResponseDoc>().WithErrors(400, 404, 413, 422);
        return app;
    }

    private static async Task<IResult> Get(HttpContext context, ScaSessions sessions, string token)
    {
        var result = await sessions.ResultAsync(context.Principal().OrganizationId, token, context.RequestAborted).ConfigureAwait(false)
            ?? throw ApiException.NotFound("SCA session");
        if (result == "expired")
        {
            throw new ApiException(412, new ApiError("sca_session_expired", $"The SCA session expired ({ScaSessions.Lifetime.TotalMinutes:0} minutes); repeat the request for a new one."));
        }

        return JsonResponse.Ok(json =>
        {
            json.WriteString("result", result);
            // Comptoir's sessions are never canceled by the user, only denied.
            json.WriteNull("canceled_at");
        });
    }

    private static Task<IResult> GetMocked(HttpContext context, ScaSessions sessions, ServerOptions options, string token)
    {
        RequireSandbox(options);
        return Get(context, sessions, token);
    }

    private static async Task<IResult> Decide(HttpContext context, ScaSessions sessions, ServerOptions options, string token, bool approve)
    {
        RequireSandbox(options);
        static JsonResponse Success(bool decided) => JsonResponse.Ok(json => json.WriteString("message", "Success"));
        if (!await sessions.DecideAsync(token, approve, context.Principal().OrganizationId, context.ReplyRecording<bool>(Success), context.RequestAborted).ConfigureAwait(false))
        {
            throw ApiException.NotFound("Pending SCA session");
        }

        return context.Reply(approve, Success);
    }

    private static async Task<IResult> DecideFromBody(HttpContext context, ScaSessions sessions, ServerOptions options, string token)
    {
        RequireSandbox(options);
        var approve = true;
        if (context.Request.ContentLength > 0)
        {
            using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
            approve = new JsonBody(document.RootElement, string.Empty).Enum("action", "approve", "deny") != "deny";
        }

        static JsonResponse Decided(bool approved) => JsonResponse.Ok(json => json.WriteString("status", approved ? "approved" : "denied"));
        if (!await sessions.DecideAsync(token, approve, context.Principal().OrganizationId, context.ReplyRecording<bool>(Decided), context.RequestAborted).ConfigureAwait(false))
        {
            throw ApiException.NotFound("Pending SCA session");
        }

        return context.Reply(approve, Decided);
    }

    private static void RequireSandbox(ServerOptions options)
    {
        if (options.StagingToken is null)
        {
            throw ApiException.NotFound("Mocked SCA sessions exist only in sandbox mode (comptoir serve --sandbox); use 'comptoir admin sca approve'.");
        }
    }
}
