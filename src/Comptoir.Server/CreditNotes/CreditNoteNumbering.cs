using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Comptoir.Server.CreditNotes;

/// <summary>
/// Numbers credit notes in their own series per organization and year, "AV-2026-000001", apart from the invoices':
/// the counter lives in number_sequences under its own series key and is moved by one upsert inside the issuing
/// transaction, which takes the counter's row lock (PostgreSQL) or runs in SQLite's exclusive write transaction, so
/// concurrent credit notes queue up and a rollback leaves no gap.
/// </summary>
public static class CreditNoteNumbering
{
    public const string Prefix = "AV-";

    public static async Task<string> NextAsync(DbConnection connection, DbTransaction transaction, string organizationId, DateOnly issueDate)
    {
        var year = issueDate.Year.ToString("0000", CultureInfo.InvariantCulture);
        var value = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO number_sequences (organization_id, series, last_value) VALUES (@organizationId, @series, 1) " +
            "ON CONFLICT (organization_id, series) DO UPDATE SET last_value = number_sequences.last_value + 1 RETURNING last_value",
            new { organizationId, series = "credit_notes:" + year }, transaction).ConfigureAwait(false);
        return $"{Prefix}{year}-{value.ToString("000000", CultureInfo.InvariantCulture)}";
    }
}
