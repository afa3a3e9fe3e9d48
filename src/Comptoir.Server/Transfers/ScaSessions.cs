using System.Data.Common;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Transfers;

/// <summary>
/// Strong customer authentication for transfers to beneficiaries that are not trusted: a session bound to the
/// organization and the exact transfer (account, beneficiary, amount), approved or denied out of band, consumed once.
/// </summary>
public sealed class ScaSessions(Database database, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public static string Fingerprint(TransferRequest request) => $"{request.BankAccountId}|{request.BeneficiaryId}|{request.AmountCents}";

    public async Task<string> StartAsync(string organizationId, string fingerprint, CancellationToken cancellationToken = default)
    {
        var token = Secrets.New("sca_");
        var now = clock.GetUtcNow();
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO sca_sessions (token, organization_id, fingerprint, status, created_at, expires_at) VALUES (@token, @organizationId, @fingerprint, 'pending', @now, @expires)",
            new { token, organizationId, fingerprint, now = Timestamps.ToText(now), expires = Timestamps.ToText(now + Lifetime) }, t), cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>
    /// Approves or denies a pending session; false when there is no pending session with that token.
    /// <paramref name="alsoInTransaction"/> runs with the decision made (it is given <paramref name="approve"/>).
    /// </summary>
    public Task<bool> DecideAsync(string token, bool approve, string? organizationId = null, AlsoInTransaction<bool>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            var decided = await c.ExecuteAsync(
                "UPDATE sca_sessions SET status = @status WHERE token = @token AND status = 'pending' AND (@organizationId IS NULL OR organization_id = @organizationId)",
                new { token, status = approve ? "approved" : "denied", organizationId }, t).ConfigureAwait(false) == 1;
            if (decided)
            {
                await alsoInTransaction.RunAsync(c, t, approve).ConfigureAwait(false);
            }

            return decided;
        }, cancellationToken);

    /// <summary>
    /// A session of the organization as a client polls it: waiting, allow or deny; null when there is none, and
    /// <c>expired</c> once its time is over and it was not used.
    /// </summary>
    public async Task<string?> ResultAsync(string organizationId, string token, CancellationToken cancellationToken = default)
    {
        var session = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<(string Status, string ExpiresAt)>(
            "SELECT status, expires_at FROM sca_sessions WHERE token = @token AND organization_id = @organizationId", new { token, organizationId }), cancellationToken).ConfigureAwait(false);
        return session.Status switch
        {
            null => null,
            "consumed" => "allow",
            _ when Timestamps.Parse(session.ExpiresAt) < clock.GetUtcNow() => "expired",
            "approved" => "allow",
            "denied" => "deny",
            _ => "waiting",
        };
    }

    /// <summary>Inside the transfer's transaction: the session's state, consumed if approved for this very transfer.</summary>
    public async Task<string> ConsumeAsync(DbConnection c, DbTransaction t, string organizationId, string token, string fingerprint)
    {
        var session = await c.QuerySingleOrDefaultAsync<(string Status, string Fingerprint, string ExpiresAt)>(
            "SELECT status, fingerprint, expires_at FROM sca_sessions WHERE token = @token AND organization_id = @organizationId", new { token, organizationId }, t).ConfigureAwait(false);
        if (session.Status is null || session.Fingerprint != fingerprint)
        {
            return "unknown";
        }

        if (Timestamps.Parse(session.ExpiresAt) < clock.GetUtcNow())
        {
            return "expired";
        }

        if (session.Status == "approved")
        {
            await c.ExecuteAsync("UPDATE sca_sessions SET status = 'consumed' WHERE token = @token", new { token }, t).ConfigureAwait(false);
            return "approved";
        }

        return session.Status;
    }
}
