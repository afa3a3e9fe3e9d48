using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Comptoir.Core.Banking;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Payees;

/// <summary>One name check's outcome, with the API's spelling of the result.</summary>
public sealed record PayeeResult(string? RequestId, string MatchResult, string? MatchedName);

/// <summary>
/// Verification of Payee: checks (IBAN, name) pairs against the directory, records them, and issues a proof token
/// valid 23 hours: "v1|{expires}|{nonce}|{hmac}", where the HMAC binds the organization, the nonce and the expiry,
/// and the nonce names the recorded (IBAN, name) pairs. A transfer must present a token that covers its beneficiary.
/// Verifications never followed by a transfer are limited per organization.
/// </summary>
[PublicSurface]
public sealed class PayeeVerification(Database database, PayeeDirectory directory, KeyRing keys, TimeProvider clock)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(23);

    /// <summary>Unused verifications an organization may accumulate per hour before being refused.</summary>
    public const int UnusedPerHour = 300;

    /// <summary>The result a token from skip_verify_payee records: the payer chose to pay without a name check.</summary>
    public const string Skipped = "SKIPPED";

    public async Task<(IReadOnlyList<PayeeResult> Results, string Token)> VerifyAsync(string organizationId, IReadOnlyList<(string? Id, string Iban, string Name)> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        await RequireUnderLimitAsync(organizationId, requests.Count, cancellationToken).ConfigureAwait(false);
        var results = new List<PayeeResult>();
        foreach (var (id, iban, name) in requests)
        {
            var lookup = await directory.LookupAsync(iban, cancellationToken).ConfigureAwait(false);
            if (requests.Count == 1 && lookup.Availability != "available")
            {
                throw ResponderError(lookup.Availability);
            }

            var result = lookup switch
            {
                { Availability: not "available" } or { RegisteredName: null } => new PayeeResult(id, "MATCH_RESULT_NOT_POSSIBLE", null),
                _ => PayeeNameMatcher.Compare(name, lookup.RegisteredName) switch
                {
                    PayeeMatch.Match => new PayeeResult(id, "MATCH_RESULT_MATCH", null),
                    PayeeMatch.CloseMatch => new PayeeResult(id, "MATCH_RESULT_CLOSE_MATCH", lookup.RegisteredName),
                    _ => new PayeeResult(id, "MATCH_RESULT_NO_MATCH", null),
                },
            };
            results.Add(result);
        }

        var token = await IssueAsync(organizationId, requests.Select((r, i) => (r.Iban, r.Name, results[i].MatchResult)).ToList(), cancellationToken).ConfigureAwait(false);
        return (results, token);
    }

    /// <summary>
    /// A proof token for pairs paid without a name check (skip_verify_payee): valid 23 hours like any other, and the
    /// transfers made with it record <see cref="Skipped"/> as their payee check.
    /// </summary>
    public async Task<string> SkipAsync(string organizationId, IReadOnlyList<(string Iban, string Name)> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        await RequireUnderLimitAsync(organizationId, pairs.Count, cancellationToken).ConfigureAwait(false);
        return await IssueAsync(organizationId, pairs.Select(p => (p.Iban, p.Name, Skipped)).ToList(), cancellationToken).ConfigureAwait(false);
    }

    private async Task RequireUnderLimitAsync(string organizationId, int count, CancellationToken cancellationToken)
    {
        var since = Timestamps.ToText(clock.GetUtcNow().AddHours(-1));
        var recentUnused = await database.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM payee_verifications WHERE organization_id = @organizationId AND used = @no AND created_at >= @since",
            new { organizationId, no = false, since }), cancellationToken).ConfigureAwait(false);
        if (recentUnused + count > UnusedPerHour)
        {
            var error = new ApiException(429, new ApiError("too_many_verifications", $"More than {UnusedPerHour} payee verifications in an hour were not followed by a transfer; try again later."));
            error.Headers["Retry-After"] = "3600";
            throw error;
        }
    }

    // Records the pairs under a new nonce and signs the token that names them.
    private async Task<string> IssueAsync(string organizationId, IReadOnlyList<(string Iban, string Name, string Result)> pairs, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nonce = Secrets.Base64Url(RandomNumberGenerator.GetBytes(12));
        var rows = pairs.Select(p => new
        {
            id = Guid.CreateVersion7().ToString(), nonce, organizationId, iban = Iban.Normalize(p.Iban), nameKey = PayeeNameMatcher.Canonical(p.Name),
            result = p.Result, no = false, now = Timestamps.ToText(now),
        }).ToList();
        if (rows.Count > 0)
        {
            await database.WriteAsync((c, t) => c.ExecuteAsync(
                "INSERT INTO payee_verifications (id, token_nonce, organization_id, iban, name_key, result, used, created_at) VALUES (@id, @nonce, @organizationId, @iban, @nameKey, @result, @no, @now)",
                rows, t), cancellationToken).ConfigureAwait(false);
        }

        var expires = (now + TokenLifetime).ToUnixTimeSeconds();
        var signature = await SignAsync(organizationId, nonce, expires, cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"v1|{expires}|{nonce}|{signature}");
    }

    /// <summary>Loads the signing key, so <see cref="CheckAsync"/> never has to write inside a transaction.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken = default) => keys.GetAsync("vop_proof_key", cancellationToken);

    /// <summary>
    /// Checks that the token is genuine, unexpired, this organization's, and covers (IBAN, name); returns why not, or
    /// null. Inside a transaction, call <see cref="PrepareAsync"/> first.
    /// </summary>
    public async Task<string?> CheckAsync(DbConnection c, DbTransaction? t, string organizationId, string token, string iban, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('|');
        if (parts.Length != 4 || parts[0] != "v1" || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return "vop_proof_token is not a proof token from POST /v2/sepa/verify_payee.";
        }

        var expected = await SignAsync(organizationId, parts[2], expires, cancellationToken).ConfigureAwait(false);
        if (!Secrets.FixedTimeEquals(expected, parts[3]))
        {
            return "vop_proof_token is not valid for this organization.";
        }

        if (clock.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return "vop_proof_token has expired (tokens are valid 23 hours); verify the payee again.";
        }

        var match = new { yes = true, no = false, nonce = parts[2], organizationId, iban = Iban.Normalize(iban), nameKey = PayeeNameMatcher.Canonical(name) };
        var covered = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM payee_verifications WHERE token_nonce = @nonce AND organization_id = @organizationId AND iban = @iban AND name_key = @nameKey", match, t).ConfigureAwait(false);
        return covered == 0 ? "vop_proof_token was issued for another IBAN or beneficiary name; verify this beneficiary." : null;
    }

    /// <summary>
    /// Records, in a transfer's transaction, that a token <see cref="CheckAsync"/> accepted paid (IBAN, name); returns
    /// the check it carried (a MATCH_RESULT_* value, or SKIPPED).
    /// </summary>
    public async Task<string> MarkUsedAsync(DbConnection c, DbTransaction t, string organizationId, string token, string iban, string name)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('|');
        var match = new { yes = true, no = false, nonce = parts[2], organizationId, iban = Iban.Normalize(iban), nameKey = PayeeNameMatcher.Canonical(name) };
        // Marked once: later transfers with the same token touch (and lock) nothing.
        await c.ExecuteAsync("UPDATE payee_verifications SET used = @yes WHERE token_nonce = @nonce AND organization_id = @organizationId AND iban = @iban AND name_key = @nameKey AND used = @no", match, t).ConfigureAwait(false);
        return await c.ExecuteScalarAsync<string>("SELECT MIN(result) FROM payee_verifications WHERE token_nonce = @nonce AND organization_id = @organizationId AND iban = @iban AND name_key = @nameKey", match, t).ConfigureAwait(false)
            ?? throw new InvalidOperationException("A checked proof token covers no verification.");
    }

    private static ApiException ResponderError(string availability) => availability switch
    {
        "error_5xx" => ApiException.BadRequest("BAD_REQUEST_ERROR_5XX_RESPONDING_BANK", "The payee's bank answered with a server error; try again later."),
        "invalid_response" => ApiException.BadRequest("BAD_REQUEST_ERROR_RESPONDING_BANK_INVALID_RESPONSE", "The payee's bank gave an invalid answer; try again later."),
        _ => ApiException.BadRequest("BAD_REQUEST_ERROR_RESPONDING_BANK_NOT_AVAILABLE", "The payee's bank is not available for Verification of Payee right now."),
    };

    private async Task<string> SignAsync(string organizationId, string nonce, long expires, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync("vop_proof_key", cancellationToken).ConfigureAwait(false);
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{organizationId}|{nonce}|{expires}"));
        return Secrets.Base64Url(HMACSHA256.HashData(key, payload));
    }
}
