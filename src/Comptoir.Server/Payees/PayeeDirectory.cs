using Comptoir.Core.Banking;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Payees;

/// <summary>What the responding bank says about an IBAN.</summary>
/// <param name="Availability">available, unavailable, error_5xx or invalid_response (administrator-set per bank).</param>
/// <param name="RegisteredName">The account holder's name, or null when the bank does not know the account.</param>
public sealed record PayeeLookup(string Availability, string? RegisteredName);

/// <summary>
/// The Verification of Payee directory: every account held on this server (its organization's legal name) plus
/// external account holders an administrator registers; banks can be marked unreachable.
/// </summary>
public sealed class PayeeDirectory(Database database, TimeProvider clock)
{
    public static readonly string[] Availabilities = ["available", "unavailable", "error_5xx", "invalid_response"];

    /// <summary>A bank's key: country and the first four BBAN characters (the French bank code's start, the German BLZ's).</summary>
    public static string BankKey(string iban)
    {
        var value = Iban.Normalize(iban);
        return value.Length >= 8 ? value[..2] + value[4..8] : value;
    }

    public async Task<PayeeLookup> LookupAsync(string iban, CancellationToken cancellationToken = default)
    {
        var value = Iban.Normalize(iban);
        return await database.ReadAsync(async c =>
        {
            var availability = await c.ExecuteScalarAsync<string?>("SELECT availability FROM payee_banks WHERE bank_key = @key", new { key = BankKey(value) }).ConfigureAwait(false) ?? "available";
            var name = await c.ExecuteScalarAsync<string?>(
                "SELECT o.legal_name FROM bank_accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.iban = @value", new { value }).ConfigureAwait(false)
                ?? await c.ExecuteScalarAsync<string?>("SELECT name FROM external_payees WHERE iban = @value", new { value }).ConfigureAwait(false);
            return new PayeeLookup(availability, name);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddExternalAsync(string iban, string name, CancellationToken cancellationToken = default)
    {
        if (Iban.Validate(iban) is { } problem)
        {
            throw new ArgumentException($"IBAN {problem}");
        }

        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO external_payees (iban, name, created_at) VALUES (@iban, @name, @now) ON CONFLICT (iban) DO UPDATE SET name = excluded.name",
            new { iban = Iban.Normalize(iban), name = name.Trim(), now = Timestamps.ToText(clock.GetUtcNow()) }, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the bank of <paramref name="iban"/> as available, unavailable, error_5xx or invalid_response.</summary>
    public async Task SetBankAvailabilityAsync(string iban, string availability, CancellationToken cancellationToken = default)
    {
        if (!Availabilities.Contains(availability))
        {
            throw new ArgumentException($"availability must be one of {string.Join(", ", Availabilities)}.");
        }

        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO payee_banks (bank_key, availability, updated_at) VALUES (@key, @availability, @now) ON CONFLICT (bank_key) DO UPDATE SET availability = excluded.availability, updated_at = excluded.updated_at",
            new { key = BankKey(iban), availability, now = Timestamps.ToText(clock.GetUtcNow()) }, t), cancellationToken).ConfigureAwait(false);
    }
}
