namespace Comptoir.Client.Models;

public sealed record Beneficiary(string Id, string Name, string Iban, string? Bic, string Status, bool Trusted, string CreatedAt, string UpdatedAt,
    string? Currency = null, string? Email = null, string? ActivityTag = null);

public sealed record ProofToken(string Token);

/// <summary>POST /v2/sepa/verify_payee answer.</summary>
public sealed record PayeeVerification(string MatchResult, string? MatchedName, ProofToken ProofToken)
{
    public bool IsMatch => MatchResult == "MATCH_RESULT_MATCH";
}

public sealed record Transfer(
    string Id, string BankAccountId, string BeneficiaryId, string Amount, long AmountCents, string AmountCurrency, string Status,
    string Reference, string? Note, string ScheduledDate, string CreatedAt, string UpdatedAt, string? ProcessedAt, string? CompletedAt,
    string? TransactionId, string? DeclinedReason);

/// <summary>The "transfer" object of POST /v2/sepa/transfers.</summary>
public sealed record NewTransfer
{
    public required string BeneficiaryId { get; init; }
    public required string BankAccountId { get; init; }
    public required string Reference { get; init; }
    public required string Amount { get; init; }
    public string? Note { get; init; }
    public string? ScheduledDate { get; init; }
    public IReadOnlyList<string>? AttachmentIds { get; init; }
}

public sealed record TransferCounterparty(string? CounterpartyAccountNumber, string? CounterpartyBankIdentifier);

public sealed record Transaction(
    string Id, string TransactionId, decimal Amount, long AmountCents, string Side, string OperationType, string Currency, string Label,
    string? SettledAt, string EmittedAt, string UpdatedAt, string Status, string? Reference, string BankAccountId,
    IReadOnlyList<string> AttachmentIds, IReadOnlyList<Attachment>? Attachments, TransferCounterparty? Transfer,
    IReadOnlyList<string>? LabelIds = null, string? Note = null);
