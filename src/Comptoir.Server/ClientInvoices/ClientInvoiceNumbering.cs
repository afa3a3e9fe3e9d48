using System.Data.Common;
using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Assigns the next number of an organization's series inside the finalizing transaction. The counter row is
/// incremented with one upsert, which takes its row lock on PostgreSQL (SQLite's write transaction is exclusive),
/// so concurrent finalizations queue up; a rollback undoes the increment, so a failed finalization leaves no gap.
/// </summary>
public static class ClientInvoiceNumbering
{
    public static async Task<string> NextAsync(DbConnection connection, DbTransaction transaction, OrganizationRow organization, DateOnly issueDate)
    {
        ArgumentNullException.ThrowIfNull(organization);
        if (!NumberPattern.TryParse(organization.InvoiceNumberPattern, out var pattern, out var problem))
        {
            throw new InvalidOperationException($"Organization {organization.Slug} has an invalid number pattern: {problem}");
        }

        var series = pattern.Series(issueDate);
        while (true)
        {
            var value = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO number_sequences (organization_id, series, last_value) VALUES (@org, @series, 1) " +
                "ON CONFLICT (organization_id, series) DO UPDATE SET last_value = number_sequences.last_value + 1 RETURNING last_value",
                new { org = organization.Id, series }, transaction).ConfigureAwait(false);
            var number = pattern.Format(issueDate, value);
            // A number typed by hand may already hold this value; it fills that place in the sequence, so move on.
            var taken = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM client_invoices WHERE organization_id = @org AND number = @number",
                new { org = organization.Id, number }, transaction).ConfigureAwait(false);
            if (taken == 0)
            {
                return number;
            }
        }
    }

    internal static string Today(DateTimeOffset now) => Timestamps.Date(DateOnly.FromDateTime(now.UtcDateTime));
}
