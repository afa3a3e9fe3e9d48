using System.ComponentModel;
using Comptoir.Server.Attachments;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Labels;

namespace Comptoir.Server.Transactions;

// The transaction JSON (TransactionsApi.WriteFields), described for the OpenAPI document only.

[Description("A transaction of a bank account. Amounts are JSON numbers in euros with a _cents twin; attachments, labels and vat_details are present only when the list was asked for them with includes[].")]
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
    [property: Description("Known for a payment of one of the organization's invoices (sales), else null.")] TransactionCashflowCategoryDoc? CashflowCategory,
    TransactionCashflowCategoryDoc? CashflowSubcategory,
    IReadOnlyList<AttachmentDoc>? Attachments = null,
    IReadOnlyList<LabelDoc>? Labels = null,
    TransactionVatDetailsDoc? VatDetails = null);

[Description("A cash-flow category, by name.")]
public sealed record TransactionCashflowCategoryDoc(string Name);

[Description("The VAT breakdown of a transaction; empty when no VAT is recorded.")]
public sealed record TransactionVatDetailsDoc(IReadOnlyList<TransactionVatItemDoc> Items);

public sealed record TransactionVatItemDoc(decimal Amount, long AmountCents, decimal Rate);

[Description("What PATCH changes: label_ids replaces the whole set (labels of this organization), note replaces the note (an empty string clears it). The fields may also come wrapped in a transaction object.")]
public sealed record TransactionChangesDoc(IReadOnlyList<string>? LabelIds, string? Note);

[Description("The counterparty's account of a transfer.")]
public sealed record TransactionTransferDoc(
    string CounterpartyAccountNumber,
    string CounterpartyAccountNumberFormat,
    string? CounterpartyBankIdentifier,
    string CounterpartyBankIdentifierFormat,
    string? CounterpartyName,
    string? CounterpartyBic,
    string CounterpartyIban);

public sealed record TransactionResponseDoc(TransactionDoc Transaction);

public sealed record TransactionListDoc(IReadOnlyList<TransactionDoc> Transactions, PageMetaDoc Meta);

public sealed record TransactionAttachmentsDoc(IReadOnlyList<AttachmentDoc> Attachments);

[Description("An attachment of this organization, uploaded with POST /v2/attachments.")]
public sealed record AttachToTransactionDoc(string AttachmentId);
