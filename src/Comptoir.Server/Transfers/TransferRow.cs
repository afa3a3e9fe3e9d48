namespace Comptoir.Server.Transfers;

/// <summary>A SEPA transfer (table transfers). Status pending -> processing -> settled, or canceled / declined.</summary>
public sealed class TransferRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string BankAccountId { get; set; } = string.Empty;
    public string BeneficiaryId { get; set; } = string.Empty;
    public string IdempotencyKey { get; set; } = string.Empty;
    public long AmountCents { get; set; }
    public string Currency { get; set; } = "EUR";
    public string Status { get; set; } = TransferStatus.Pending;
    public bool Instant { get; set; }
    public string Reference { get; set; } = string.Empty;
    public string? Note { get; set; }
    public string ScheduledDate { get; set; } = string.Empty;
    public string AttachmentIds { get; set; } = "[]";
    public string? TransactionId { get; set; }
    public string? DeclinedReason { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
    public string? ProcessedAt { get; set; }
    public string? CompletedAt { get; set; }

    /// <summary>Who initiated it: the membership of the request's credential (its id for transfers made before memberships).</summary>
    public string? InitiatorId { get; set; }

    /// <summary>The payee check the transfer's proof token carried: a MATCH_RESULT_* value, or SKIPPED (skip_verify_payee).</summary>
    public string? PayeeVerification { get; set; }
}

/// <summary>What a client asks for in POST /v2/sepa/transfers.</summary>
public sealed record TransferRequest(string BankAccountId, string BeneficiaryId, long AmountCents, string Reference, string? Note, DateOnly? ScheduledDate, IReadOnlyList<string> AttachmentIds, string ProofToken);
