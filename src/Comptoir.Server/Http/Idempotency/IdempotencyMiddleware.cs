using System.Data.Common;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Storage;
using Dapper;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Idempotency;

/// <summary>
/// X-Qonto-Idempotency-Key on POST: the first successful response is stored in the database for 30 minutes and
/// replayed for any repeat (with Idempotent-Replayed: true), across restarts and server processes. A handler that
/// writes stores its reply in its write's transaction (<see cref="IdempotentReply"/>), so a crash can never separate
/// the two; for the others the reply is stored just after. A repeat while the first is still running gets 409; a
/// failed attempt frees the key. A claim left by a crashed process expires after <see cref="InFlightLease"/> so the
/// client can retry (nothing it asked was written: the reply would have been stored with it).
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, Database database, TimeProvider clock)
{
    public const string Header = "X-Qonto-Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan InFlightLease = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || !context.Request.Path.StartsWithSegments("/v2")
            || context.Items[typeof(ApiPrincipal)] is not ApiPrincipal principal)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (key.Length > 255)
        {
            throw ApiException.BadRequest("invalid", $"{Header} is longer than 255 characters.");
        }

        var path = context.Request.Path.Value!;
        var (stored, claimedAt) = await ClaimAsync(principal.OrganizationId, key, path, context.RequestAborted).ConfigureAwait(false);
        if (stored is not null)
        {
            await ReplayAsync(context, stored, path).ConfigureAwait(false);
            return;
        }

        var claim = new IdempotentReply(principal.OrganizationId, key, claimedAt!);
        context.Items[typeof(IdempotentReply)] = claim;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var succeeded = false;
        try
        {
            await next(context).ConfigureAwait(false);
            succeeded = context.Response.StatusCode is >= 200 and < 300;
            if (succeeded && claim.Stored is null)
            {
                await CompleteAsync(principal.OrganizationId, key, claimedAt!, context.Response.StatusCode, buffer.ToArray()).ConfigureAwait(false);
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!succeeded && claim.Stored is null)
            {
                await ReleaseAsync(principal.OrganizationId, key, claimedAt!).ConfigureAwait(false);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Claims the key; returns the stored outcome when the key was already used.</summary>
    /// <summary>Claims the key (returning when the claim was made) or returns the stored outcome when it was already used.</summary>
    private async Task<(StoredOutcome? Stored, string? ClaimedAt)> ClaimAsync(string organizationId, string key, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await TryClaimAsync(organizationId, key, path, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            // Another request inserted the same key between our read and our insert: it is in flight.
            return (new StoredOutcome { State = "in_flight", RequestPath = path }, null);
        }
    }

    private Task<(StoredOutcome? Stored, string? ClaimedAt)> TryClaimAsync(string organizationId, string key, string path, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var existing = await c.QuerySingleOrDefaultAsync<StoredOutcome>(
                "SELECT request_path, state, status_code, response_body, created_at, expires_at FROM idempotency_keys WHERE organization_id = @organizationId AND idempotency_key = @key" + database.ForUpdate,
                new { organizationId, key }, t).ConfigureAwait(false);
            var stale = existing is not null && (Timestamps.Parse(existing.ExpiresAt) <= now
                || (existing.State == "in_flight" && Timestamps.Parse(existing.CreatedAt) + InFlightLease <= now));
            if (existing is not null && !stale)
            {
                return (existing, null);
            }

            if (existing is not null)
            {
                await c.ExecuteAsync("DELETE FROM idempotency_keys WHERE organization_id = @organizationId AND idempotency_key = @key", new { organizationId, key }, t).ConfigureAwait(false);
            }

            var claimedAt = Timestamps.ToText(now);
            await c.ExecuteAsync(
                "INSERT INTO idempotency_keys (organization_id, idempotency_key, request_path, state, created_at, expires_at) VALUES (@organizationId, @key, @path, 'in_flight', @claimedAt, @expires)",
                new { organizationId, key, path, claimedAt, expires = Timestamps.ToText(now + Retention) }, t).ConfigureAwait(false);
            return ((StoredOutcome?)null, (string?)claimedAt);
        }, cancellationToken);

    private Task CompleteAsync(string organizationId, string key, string claimedAt, int status, byte[] body) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE idempotency_keys SET state = 'done', status_code = @status, response_body = @body WHERE organization_id = @organizationId AND idempotency_key = @key AND state = 'in_flight' AND created_at = @claimedAt",
            new { organizationId, key, claimedAt, status, body }, t));

    // Only this request's own claim: a retry that took the key over after the lease keeps it.
    private Task ReleaseAsync(string organizationId, string key, string claimedAt) =>
        database.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM idempotency_keys WHERE organization_id = @organizationId AND idempotency_key = @key AND state = 'in_flight' AND created_at = @claimedAt", new { organizationId, key, claimedAt }, t));

    private static async Task ReplayAsync(HttpContext context, StoredOutcome stored, string path)
    {
        if (stored.RequestPath != path)
        {
            throw ApiException.Conflict("idempotency_key_reused", $"This {Header} was already used for another request ({stored.RequestPath}).");
        }

        if (stored.State != "done")
        {
            throw ApiException.Conflict("idempotency_key_in_use", $"A request with this {Header} is still being processed; retry in a moment.");
        }

        context.Response.StatusCode = (int)(stored.StatusCode ?? 200);
        context.Response.Headers[ReplayedHeader] = "true";
        var body = stored.ResponseBody ?? [];
        if (body.Length == 0)
        {
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed class StoredOutcome
    {
        public string RequestPath { get; set; } = string.Empty;
        public string State { get; set; } = string.Empty;
        public long? StatusCode { get; set; }
        public byte[]? ResponseBody { get; set; }
        public string CreatedAt { get; set; } = string.Empty;
        public string ExpiresAt { get; set; } = string.Empty;
    }
}
