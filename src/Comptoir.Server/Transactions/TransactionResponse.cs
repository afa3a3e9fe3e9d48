using System.Text.Json.Serialization;
using Comptoir.Core.Money;
using Comptoir.Server.Attachments;
using Comptoir.Server.Labels;
using Comptoir.Server.Transfers;

namespace Comptoir.Server.Transactions;

/// <summary>
/// The transaction object as the API prints it; amounts are JSON numbers (with exact text, from decimals) beside their
/// cents. <c>attachments</c>, <c>labels</c> and <c>vat_details</c> are present only when the request asked for them
/// (<c>includes[]=...</c>).
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
    TransactionCashflowCategory? CashflowCategory,
    TransactionCashflowCategory? CashflowSubcategory,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttachmentResponse>? Attachments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<LabelResponse>? Labels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TransactionVatDetails? VatDetails)
{
    /// <summary>What a request asked to embed; null members were not asked for.</summary>
    /// <param name="Attachments">The attachments to embed, by id.</param>
    /// <param name="Labels">The labels to embed, by id.</param>
    /// <param name="VatDetails">Whether to embed the VAT breakdown.</param>
    public sealed record Includes(IReadOnlyDictionary<string, AttachmentResponse>? Attachments, IReadOnlyDictionary<string, LabelResponse>? Labels, bool VatDetails)
    {
        public static readonly Includes None = new(null, null, false);
    }

    public static TransactionResponse From(TransactionRow t, IReadOnlyList<string> attachmentIds, IReadOnlyList<string> labelIds, Includes includes)
    {
        ArgumentNullException.ThrowIfNull(includes);
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
            LabelIds: labelIds,
            AttachmentLost: false,
            AttachmentRequired: t.Side == "debit" && t.AmountCents > TransferLimits.AttachmentRequiredAboveCents,
            CardLastDigits: null,
            Category: t.OperationType == "income" ? "other_income" : "other_expense",
            SubjectType: "Transaction",
            t.BankAccountId,
            IsExternalTransaction: false,
            t.CounterpartyIban is null ? null : new TransactionTransfer(t.CounterpartyIban, "IBAN", t.CounterpartyBic, "BIC", t.CounterpartyName, t.CounterpartyBic, t.CounterpartyIban),
            t.CashflowCategory is null ? null : new TransactionCashflowCategory(t.CashflowCategory),
            CashflowSubcategory: null,
            includes.Attachments is { } attachments ? [.. attachmentIds.Where(attachments.ContainsKey).Select(id => attachments[id])] : null,
            includes.Labels is { } labels ? [.. labelIds.Where(labels.ContainsKey).Select(id => labels[id])] : null,
            // Comptoir records no VAT on transactions (vat_amount is null): the breakdown asked for is empty, not absent.
            includes.VatDetails ? new TransactionVatDetails([]) : null);
    }
}

/// <summary>The counterparty of a transfer transaction, in the older (account number) and newer (name, BIC, IBAN) spellings.</summary>
public sealed record TransactionTransfer(
    string CounterpartyAccountNumber,
    string CounterpartyAccountNumberFormat,
    string? CounterpartyBankIdentifier,
    string CounterpartyBankIdentifierFormat,
    string? CounterpartyName,
    string? CounterpartyBic,
    string CounterpartyIban);

/// <summary>A cash-flow category (or subcategory), an object with its name.</summary>
public sealed record TransactionCashflowCategory(string Name);

/// <summary>The VAT breakdown of a transaction (includes[]=vat_details).</summary>
public sealed record TransactionVatDetails(IReadOnlyList<TransactionVatItem> Items);

/// <summary>One VAT rate's share of a transaction.</summary>
public sealed record TransactionVatItem(decimal Amount, long AmountCents, decimal Rate);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TransactionResponse))]
[JsonSerializable(typeof(IReadOnlyList<AttachmentResponse>))]
[JsonSerializable(typeof(AttachmentResponse))]
internal sealed partial class TransactionsJsonContext : JsonSerializerContext;
