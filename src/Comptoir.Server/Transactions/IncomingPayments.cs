using Comptoir.Core.Banking;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Transactions;
using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Transactions;

/// <summary>The outcome of recording incoming money.</summary>
public sealed record IncomingResult(TransactionRow Transaction, string? PaidInvoiceId, string? PaidInvoiceNumber);

/// <summary>
/// Money arriving from outside the server: a settled credit on the account, and, when the reference names an unpaid
/// invoice of that organization with exactly that total, the invoice becomes paid, in the same transaction.
/// </summary>
public sealed class IncomingPayments(Database database, TimeProvider clock)
{
    public Task<IncomingResult> CreditAsync(string iban, long amountCents, string counterparty, string? reference, CancellationToken cancellationToken = default)
    {
        if (amountCents <= 0)
        {
            throw new ArgumentException("The amount must be above zero.");
        }

        return database.WriteAsync(async (c, t) =>
        {
            var account = await c.QuerySingleOrDefaultAsync<BankAccountRow>("SELECT * FROM bank_accounts WHERE iban = @iban AND status = 'active'", new { iban = Iban.Normalize(iban) }, t).ConfigureAwait(false)
                ?? throw new ArgumentException($"No active account with IBAN {iban} on this server.");
            var now = Timestamps.ToText(clock.GetUtcNow());
            var transaction = await Ledger.CreditWithTransactionAsync(c, t, account.OrganizationId, account.Id, amountCents, counterparty, reference, counterparty, null, "income", now).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(reference))
            {
                return new IncomingResult(transaction, null, null);
            }

            // The payer quotes the invoice number (the remittance reference printed on the Factur-X file).
            var invoice = await ClientInvoiceStore.MarkPaidByIncomingPaymentAsync(database, c, t, account.OrganizationId, amountCents, reference, now).ConfigureAwait(false);
            if (invoice is null)
            {
                return new IncomingResult(transaction, null, null);
            }

            // Paying one of the organization's invoices is known to be a sale: the cash-flow category clients group by.
            transaction.CashflowCategory = TransactionRow.SalesCashflowCategory;
            await c.ExecuteAsync("UPDATE transactions SET cashflow_category = @CashflowCategory WHERE id = @Id", transaction, t).ConfigureAwait(false);
            await TransactionEvents.UpdatedAsync(c, t, transaction.Id, now).ConfigureAwait(false);
            return new IncomingResult(transaction, invoice.Id, invoice.Number);
        }, cancellationToken);
    }
}
