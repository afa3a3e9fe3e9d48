using System.Text.Json.Serialization;

namespace Comptoir.Client.Models;

public sealed record Beneficiary(string Id, string Name, string Iban, string? Bic, string Status, bool Trusted, string CreatedAt, string UpdatedAt,
    string? Currency = null, string? Email = null, string? ActivityTag = null);

public sealed record ProofToken(string Token);

/// <summary>POST /v2/sepa/verify_payee answer.</summary>
public sealed record PayeeVerification(string MatchResult, string? MatchedName, ProofToken ProofToken)
{
    public bool IsMatch => MatchResult == "MATCH_RESULT_MATCH";
}

/// <summary>
/// A SEPA transfer. <see cref="Amount"/> is read from a JSON number (the public API's and Comptoir's form) or from
/// a decimal string (older Comptoir servers).
/// </summary>
public sealed record Transfer(
    string Id, string BankAccountId, string BeneficiaryId,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal Amount,
    long AmountCents, string AmountCurrency, string Status,
    string Reference, string? Note, string ScheduledDate, string CreatedAt, string UpdatedAt, string? ProcessedAt, string? CompletedAt,
    string? TransactionId, string? DeclinedReason, string? InitiatorId = null, string? RecurringTransferId = null);

/// <summary>One entry of a bulk payee verification: the caller's id (optional), the IBAN and the expected holder name.</summary>
public sealed record PayeeToVerify(string Iban, string BeneficiaryName, string? Id = null);

/// <summary>A bulk verification's outcome for one entry: <see cref="Response"/> when it was checked, else <see cref="ErrorCode"/>.</summary>
public sealed record BulkPayeeResult(string Id, PayeeMatch? Response, string? ErrorCode);

/// <summary>A name check's outcome.</summary>
public sealed record PayeeMatch(string MatchResult, string? MatchedName);

/// <summary>POST /v2/sepa/bulk_verify_payee answer: one token for every checked entry.</summary>
public sealed record BulkPayeeVerification(ProofToken ProofToken, IReadOnlyList<BulkPayeeResult> Requests);

/// <summary>A strong customer authentication session as polled: Result is waiting, allow or deny.</summary>
public sealed record ScaSession(string Result, string? CanceledAt)
{
    public bool IsDecided => Result is "allow" or "deny";
}

/// <summary>An internal transfer between two accounts of the organization.</summary>
public sealed record InternalTransfer(
    string Id, string Slug, string Status,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal Amount,
    long AmountCents, string AmountCurrency, string Reference, string CreatedAt);

/// <summary>The "internal_transfer" object of POST /v2/internal_transfers; Amount a decimal string such as "12345.67".</summary>
public sealed record NewInternalTransfer(string DebitIban, string CreditIban, string Amount, string Reference, string Currency = "EUR");

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
