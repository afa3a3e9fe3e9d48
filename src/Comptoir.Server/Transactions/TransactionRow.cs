namespace Comptoir.Server.Transactions;

/// <summary>One movement on an account (table transactions). Amounts are positive; the side says which way.</summary>
[PublicSurface]
public sealed class TransactionRow
{
    public const string SalesCashflowCategory = "sales";

    public string Id { get; set; } = string.Empty;
    public string TransactionId { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string BankAccountId { get; set; } = string.Empty;
    public long AmountCents { get; set; }
    public string Side { get; set; } = "debit";
    public string OperationType { get; set; } = "transfer";
    public string Status { get; set; } = TransactionStatus.Pending;
    public string Label { get; set; } = string.Empty;
    public string? Reference { get; set; }
    public string? Note { get; set; }
    public string? CounterpartyName { get; set; }
    public string? CounterpartyIban { get; set; }
    public string? CounterpartyBic { get; set; }
    public string? TransferId { get; set; }

    /// <summary>The cash-flow category when the server knows it (a payment of one of the organization's invoices), else null.</summary>
    public string? CashflowCategory { get; set; }
    public long? SettledBalanceCents { get; set; }
    public string EmittedAt { get; set; } = string.Empty;
    public string? SettledAt { get; set; }

    /// <summary>settled_at once settled, emitted_at before (the default sort key).</summary>
    public string BookedAt { get; set; } = string.Empty;
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
}
