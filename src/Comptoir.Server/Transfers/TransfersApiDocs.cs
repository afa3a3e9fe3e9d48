using System.ComponentModel;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.Transfers;

// The transfer JSON and bodies (TransfersApi), described for the OpenAPI document only.

[Description("A SEPA transfer; amount is a number in euros with two decimals, amount_cents the same in cents; initiator_id the membership that made it; recurring_transfer_id always null.")]
public sealed record TransferDoc(
    string Id,
    string? InitiatorId,
    string BankAccountId,
    string BeneficiaryId,
    decimal Amount,
    long AmountCents,
    string AmountCurrency,
    string Status,
    bool Instant,
    string Reference,
    string? Note,
    DateOnly ScheduledDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt,
    DateTimeOffset? CompletedAt,
    string? TransactionId,
    string? DeclinedReason,
    IReadOnlyList<string> AttachmentIds,
    string? RecurringTransferId);

public sealed record TransferResponseDoc(TransferDoc Transfer);

public sealed record TransferListDoc(IReadOnlyList<TransferDoc> Transfers, PageMetaDoc Meta);

[Description("The transfer to make; amount is a decimal string such as \"1100.50\", in EUR, above 0 and with at most 2 decimals.")]
public sealed record TransferFieldsDoc(
    string BankAccountId,
    string BeneficiaryId,
    string Amount,
    string Reference,
    string? Currency = null,
    string? Note = null,
    DateOnly? ScheduledDate = null,
    IReadOnlyList<string>? AttachmentIds = null);

[Description("A transfer, with the proof token of a payee verification made just before. Needs X-Qonto-Idempotency-Key; to an untrusted beneficiary it answers 428 until the SCA session is approved and the request repeated with X-Qonto-Sca-Session-Token.")]
public sealed record TransferRequestDoc(string VopProofToken, TransferFieldsDoc Transfer);

[Description("action: approve (the default) or deny.")]
public sealed record ScaDecisionRequestDoc(string? Action = null);

[Description("status: approved or denied.")]
public sealed record ScaDecisionResponseDoc(string Status);

[Description("result: waiting until the user decides, then allow or deny; canceled_at is always null here.")]
public sealed record ScaSessionDoc(string Result, DateTimeOffset? CanceledAt);

[Description("message: Success.")]
public sealed record ScaMessageDoc(string Message);
