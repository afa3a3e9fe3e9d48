namespace Comptoir.Server.Transactions;

/// <summary>Parameters of GET /v2/transactions (see docs/decisions/0009-api-compatibility-choices.md).</summary>
public sealed record TransactionQuery
{
    public required string BankAccountId { get; init; }
    public IReadOnlyList<string> Statuses { get; init; } = [TransactionStatus.Completed];
    public string? UpdatedFrom { get; init; }
    public string? UpdatedTo { get; init; }
    public string? SettledFrom { get; init; }
    public string? SettledTo { get; init; }
    public string? EmittedFrom { get; init; }
    public string? EmittedTo { get; init; }
    public string? CreatedFrom { get; init; }
    public string? CreatedTo { get; init; }
    public string? Side { get; init; }
    public IReadOnlyList<string> OperationTypes { get; init; } = [];
    public bool? WithAttachments { get; init; }

    /// <summary>settled_at, updated_at, emitted_at or created_at.</summary>
    public string SortField { get; init; } = "settled_at";

    public bool Descending { get; init; } = true;
}
