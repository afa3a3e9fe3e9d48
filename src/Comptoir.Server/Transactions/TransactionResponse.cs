using System.Text.Json.Serialization;
using Comptoir.Core.Money;
using Comptoir.Server.Attachments;
using Comptoir.Server.Transfers;

namespace Comptoir.Server.Transactions;

/// <summary>
/// The transaction object as the API prints it; amounts are JSON numbers (with exact text, from decimals) beside their
/// cents. <c>attachments</c> is present only when the request asked for <c>includes[]=attachments</c>.
/// </summary>
public sealed record TransactionResponse(
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
    string? SettledAt,
    string EmittedAt,
    string CreatedAt,
    string UpdatedAt,
    string Status,
    string? Note,
    string? Reference,
    decimal? VatAmount,
    long? VatAmountCents,
    string? VatRate,
    string? InitiatorId,
    IReadOnlyList<string> LabelIds,
    bool AttachmentLost,
    bool AttachmentRequired,
    string? CardLastDigits,
    string Category,
    string SubjectType,
    string BankAccountId,
    bool IsExternalTransaction,
    TransactionTransfer? Transfer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttachmentResponse>? Attachments)
{
    /// <param name="included">The attachments to embed, by id (null: the request did not ask for them).</param>
    public static TransactionResponse From(TransactionRow t, IReadOnlyList<string> attachmentIds, IReadOnlyDictionary<string, AttachmentResponse>? included)
    {
        ArgumentNullException.ThrowIfNull(t);
        var amount = Rounding.FromCents(t.AmountCents);
        return new(
            t.Id,
            t.TransactionId,
            amount,
            t.AmountCents,
            t.SettledBalanceCents is { } balance ? Rounding.FromCents(balance) : null,
            t.SettledBalanceCents,
            attachmentIds,
            amount,
            t.AmountCents,
            t.Side,
            t.OperationType,
            "EUR",
            "EUR",
            t.Label,
            t.CounterpartyName,
            t.SettledAt,
            t.EmittedAt,
            t.CreatedAt,
            t.UpdatedAt,
            t.Status,
            t.Note,
            t.Reference,
            VatAmount: null,
            VatAmountCents: null,
            VatRate: null,
            InitiatorId: null,
            LabelIds: [],
            AttachmentLost: false,
            AttachmentRequired: t.Side == "debit" && t.AmountCents > TransferLimits.AttachmentRequiredAboveCents,
            CardLastDigits: null,
            Category: t.OperationType == "income" ? "other_income" : "other_expense",
            SubjectType: "Transaction",
            t.BankAccountId,
            IsExternalTransaction: false,
            t.CounterpartyIban is null ? null : new TransactionTransfer(t.CounterpartyIban, "IBAN", t.CounterpartyBic, "BIC"),
            included is null ? null : [.. attachmentIds.Where(included.ContainsKey).Select(id => included[id])]);
    }
}

/// <summary>The counterparty of a transfer transaction.</summary>
public sealed record TransactionTransfer(
    string CounterpartyAccountNumber,
    string CounterpartyAccountNumberFormat,
    string? CounterpartyBankIdentifier,
    string CounterpartyBankIdentifierFormat);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TransactionResponse))]
[JsonSerializable(typeof(IReadOnlyList<AttachmentResponse>))]
internal sealed partial class TransactionsJsonContext : JsonSerializerContext;
