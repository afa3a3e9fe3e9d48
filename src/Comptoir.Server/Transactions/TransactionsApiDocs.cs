using System.ComponentModel;
using Comptoir.Server.Attachments;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.Transactions;

// The transaction JSON (TransactionsApi.WriteFields), described for the OpenAPI document only.

[Description("A transaction of a bank account. Amounts are JSON numbers in euros with a _cents twin; attachments is present only when the list was asked for includes[]=attachments.")]
public sealed record TransactionDoc(
    string Id,
    string TransactionId,
    decimal Amount,
    long AmountCents,
    decimal? SettledBalance,
    long? SettledBalanceCents,
    IReadOnlyList<string> AttachmentIds,
    decimal LocalAmount,
    long LocalAmountCents,
    string Side,
    string OperationType,
    string Currency,
    string LocalCurrency,
    string Label,
    string? CleanCounterpartyName,
    DateTimeOffset? SettledAt,
    DateTimeOffset EmittedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Status,
    string? Note,
    string? Reference,
    decimal? VatAmount,
    long? VatAmountCents,
    decimal? VatRate,
    string? InitiatorId,
    IReadOnlyList<string> LabelIds,
    bool AttachmentLost,
    bool AttachmentRequired,
    string? CardLastDigits,
    string Category,
    string SubjectType,
    string BankAccountId,
    bool IsExternalTransaction,
    TransactionTransferDoc? Transfer,
    IReadOnlyList<AttachmentDoc>? Attachments = null);

[Description("The counterparty's account of a transfer.")]
public sealed record TransactionTransferDoc(
    string CounterpartyAccountNumber,
    string CounterpartyAccountNumberFormat,
    string? CounterpartyBankIdentifier,
    string CounterpartyBankIdentifierFormat);

public sealed record TransactionResponseDoc(TransactionDoc Transaction);

public sealed record TransactionListDoc(IReadOnlyList<TransactionDoc> Transactions, PageMetaDoc Meta);

public sealed record TransactionAttachmentsDoc(IReadOnlyList<AttachmentDoc> Attachments);

[Description("An attachment of this organization, uploaded with POST /v2/attachments.")]
public sealed record AttachToTransactionDoc(string AttachmentId);
