using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Storage;
using Dapper;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Idempotency;

/// <summary>
/// The claim an idempotent POST holds on its key while it runs. A handler stores its reply through
/// <see cref="Recording{T}"/>, in the transaction of the write the reply answers: after a crash the key is either
/// still unused (nothing was written) or holds the reply of what was written, never one without the other.
/// </summary>
public sealed class IdempotentReply
{
    internal IdempotentReply(string organizationId, string key, string claimedAt)
    {
        OrganizationId = organizationId;
        Key = key;
        ClaimedAt = claimedAt;
    }

    internal string OrganizationId { get; }

    internal string Key { get; }

    // The claim's created_at identifies it: once a claim's lease has run out, a retry deletes it and inserts its own,
    // a new row with a later created_at.
    internal string ClaimedAt { get; }

    /// <summary>The reply stored with the write, once its transaction ran (null before, or when none was stored).</summary>
    public JsonResponse? Stored { get; private set; }

    /// <summary>
    /// A hook for a store's write that renders the reply from what was written and stores it in the same transaction.
    /// When the claim was lost (its lease ran out and a retry took the key), it throws, which rolls the write back:
    /// the retry's execution is then the only one.
    /// </summary>
    public AlsoInTransaction<T> Recording<T>(Func<T, JsonResponse> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        return async (connection, transaction, written) =>
        {
            var reply = render(written);
            if (reply.StatusCode is < 200 or >= 300)
            {
                throw new InvalidOperationException("Only a successful reply is stored for replay.");
            }

            var updated = await connection.ExecuteAsync(
                "UPDATE idempotency_keys SET state = 'done', status_code = @status, response_body = @body WHERE organization_id = @OrganizationId AND idempotency_key = @Key AND state = 'in_flight' AND created_at = @ClaimedAt",
                new { status = reply.StatusCode, body = reply.Bytes, OrganizationId, Key, ClaimedAt }, transaction).ConfigureAwait(false);
            if (updated != 1)
            {
                throw ApiException.Conflict("idempotency_key_in_use", $"This {IdempotencyMiddleware.Header} was taken over by a retry while this request ran; the retry's answer is the one that counts.");
            }

            Stored = reply;
        };
    }
}

/// <summary>How handlers reach the request's idempotency claim.</summary>
public static class IdempotentReplies
{
    /// <summary>The request's claim on its idempotency key, or null when it carries none.</summary>
    public static IdempotentReply? IdempotentReply(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[typeof(IdempotentReply)] as IdempotentReply;
    }

    /// <summary>The hook that stores the reply <paramref name="render"/> makes in the write's transaction; null without a key.</summary>
    public static AlsoInTransaction<T>? ReplyRecording<T>(this HttpContext context, Func<T, JsonResponse> render) =>
        context.IdempotentReply()?.Recording(render);

    /// <summary>The reply stored with the write when there is one (the same bytes), else a fresh rendering.</summary>
    public static JsonResponse Reply<T>(this HttpContext context, T written, Func<T, JsonResponse> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        return context.IdempotentReply()?.Stored ?? render(written);
    }
}
