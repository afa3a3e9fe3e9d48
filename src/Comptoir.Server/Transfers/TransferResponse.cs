using System.Text.Json;
using System.Text.Json.Serialization;
using Comptoir.Core.Money;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.Transfers;

/// <summary>
/// The SEPA transfer object as the API prints it: <c>amount</c> a JSON number with two decimals (clients of the public
/// API read it as one) beside <c>amount_cents</c>; <c>recurring_transfer_id</c> always null (no standing orders here).
/// </summary>
public sealed record TransferResponse(
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
    string ScheduledDate,
    string CreatedAt,
    string UpdatedAt,
    string? ProcessedAt,
    string? CompletedAt,
    string? TransactionId,
    string? DeclinedReason,
    IReadOnlyList<string> AttachmentIds,
    string? RecurringTransferId)
{
    public static TransferResponse From(TransferRow transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return new(
            transfer.Id,
            transfer.InitiatorId,
            transfer.BankAccountId,
            transfer.BeneficiaryId,
            Rounding.FromCents(transfer.AmountCents),
            transfer.AmountCents,
            transfer.Currency,
            transfer.Status,
            transfer.Instant,
            transfer.Reference,
            transfer.Note,
            transfer.ScheduledDate,
            transfer.CreatedAt,
            transfer.UpdatedAt,
            transfer.ProcessedAt,
            transfer.CompletedAt,
            transfer.TransactionId,
            transfer.DeclinedReason,
            JsonSerializer.Deserialize(transfer.AttachmentIds, ServerJsonContext.Default.IReadOnlyListString) ?? [],
            null);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TransferResponse))]
internal sealed partial class TransfersJsonContext : JsonSerializerContext;
