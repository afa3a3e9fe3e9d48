using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>
/// Lets the leases of a killed `comptoir serve` run out at once, as if two minutes had passed while it was down.
/// The server holds an idempotency key claimed by a request that never finished for
/// <see cref="IdempotencyMiddleware.InFlightLease"/>, a running job for <see cref="JobRunner.Lease"/> (both 2
/// minutes, neither configurable from `serve`) and a webhook delivery being sent for its dispatcher's lease (32 s by
/// default): a crash test that waited them out would take minutes per kill.
/// Only run while no server process is up, so every claim and running job belongs to the dead process.
/// </summary>
public static class DeadProcessLeases
{
    public sealed record Expired(int IdempotencyClaims, int RunningJobs, int SendingDeliveries);

    public static async Task<Expired> ExpireAsync(string? databaseConnection, string dataDirectory)
    {
        await using var database = Database.Open(databaseConnection, dataDirectory);
        if (database.Kind == DatabaseKind.Postgres)
        {
            await WaitForDeadSessionsAsync(database);
        }

        return await database.WriteAsync(async (c, t) =>
        {
            var claims = (await c.QueryAsync<(string OrganizationId, string IdempotencyKey, string CreatedAt)>(
                "SELECT organization_id, idempotency_key, created_at FROM idempotency_keys WHERE state = 'in_flight'", transaction: t)).ToList();
            foreach (var claim in claims)
            {
                var aged = Timestamps.ToText(Timestamps.Parse(claim.CreatedAt) - IdempotencyMiddleware.InFlightLease);
                await c.ExecuteAsync("UPDATE idempotency_keys SET created_at = @aged WHERE organization_id = @OrganizationId AND idempotency_key = @IdempotencyKey",
                    new { aged, claim.OrganizationId, claim.IdempotencyKey }, t);
            }

            var jobs = (await c.QueryAsync<(string Id, string LockedUntil)>("SELECT id, locked_until FROM jobs WHERE status = 'running'", transaction: t)).ToList();
            foreach (var job in jobs)
            {
                var aged = Timestamps.ToText(Timestamps.Parse(job.LockedUntil) - JobRunner.Lease);
                await c.ExecuteAsync("UPDATE jobs SET locked_until = @aged WHERE id = @Id", new { aged, job.Id }, t);
            }

            var deliveries = await c.ExecuteAsync("UPDATE webhook_deliveries SET locked_until = @aged WHERE status = 'sending'",
                new { aged = Timestamps.ToText(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2)) }, t);
            return new Expired(claims.Count, jobs.Count, deliveries);
        });
    }

    /// <summary>
    /// A killed client's PostgreSQL sessions outlive it for a moment: a COMMIT it sent just before dying still
    /// completes. Wait until they are gone so that nothing of the dead process writes after the leases are aged.
    /// </summary>
    private static async Task WaitForDeadSessionsAsync(Database database)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await database.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException("The killed server's PostgreSQL sessions were still open 10 s after the kill.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
