using System.Text.Json.Serialization;
using Comptoir.Core.Money;

namespace Comptoir.Server.InternalTransfers;

/// <summary>The internal transfer as the API prints it: amount a number with two decimals, beside amount_cents.</summary>
public sealed record InternalTransferResponse(
    string Id,
    string Slug,
    string Status,
    decimal Amount,
    long AmountCents,
    string AmountCurrency,
    string Reference,
    string CreatedAt)
{
    public static InternalTransferResponse From(InternalTransferRow transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        // The public objects' slugs are short readable handles; the id's random tail makes one.
        return new(transfer.Id, "internal-transfer-" + transfer.Id[^12..], transfer.Status, Rounding.FromCents(transfer.AmountCents), transfer.AmountCents,
            transfer.Currency, transfer.Reference, transfer.CreatedAt);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InternalTransferResponse))]
internal sealed partial class InternalTransfersJsonContext : JsonSerializerContext;
