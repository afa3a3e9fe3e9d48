using System.Data.Common;
using Comptoir.Core.Banking;
using Dapper;

namespace Comptoir.Server.Beneficiaries;

/// <summary>
/// The BIC of a bank the server knows for an IBAN: an account held here, or a beneficiary already recorded with a
/// BIC, at the same bank. A bank is the IBAN's country and its first four BBAN characters (the French bank code's
/// start, the German BLZ's), the key the payee directory uses too.
/// </summary>
public static class BeneficiaryBics
{
    /// <summary>The SEPA placeholder for a BIC nobody gave (only on beneficiaries recorded before BICs were required).</summary>
    public const string NotProvided = "NOTPROVIDED";

    public static async Task<string?> KnownAsync(DbConnection connection, DbTransaction? transaction, string iban)
    {
        var value = Iban.Normalize(iban);
        if (value.Length < 8)
        {
            return null;
        }

        var bank = value[..2] + value[4..8];
        return await connection.ExecuteScalarAsync<string?>(
                   "SELECT bic FROM bank_accounts WHERE substr(iban, 1, 2) || substr(iban, 5, 4) = @bank ORDER BY created_at LIMIT 1", new { bank }, transaction).ConfigureAwait(false)
               ?? await connection.ExecuteScalarAsync<string?>(
                   "SELECT bic FROM beneficiaries WHERE substr(iban, 1, 2) || substr(iban, 5, 4) = @bank AND bic <> @none ORDER BY created_at LIMIT 1", new { bank, none = NotProvided }, transaction).ConfigureAwait(false);
    }

    /// <summary>A BIC as given: 8 or 11 letters and digits (bank, country, location, branch).</summary>
    public static bool IsValid(string bic) =>
        bic.Length is 8 or 11 && bic.All(char.IsAsciiLetterOrDigit) && bic[4..6].All(char.IsAsciiLetter);
}
