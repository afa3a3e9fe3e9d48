using System.Text.Json.Serialization;

namespace Comptoir.Server.CreditNotes;

/// <summary>
/// One line of a credit note as the remainder of its invoice item sees it: the item (its index in the invoice),
/// the quantity credited when the line credits by quantity (null when by amount), and the net and discount it took.
/// </summary>
public sealed record CreditedLine(int ItemIndex, string? Quantity, long NetCents, long DiscountCents);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<CreditedLine>))]
internal sealed partial class CreditNoteStorageJson : JsonSerializerContext;
