using System.Text.Json.Serialization;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>A VAT row as stored: the rate in percent as decimal text, the tax in cents.</summary>
internal sealed record StoredTax(string Rate, long Cents);

/// <summary>A discrepancy as stored; rows analysed before the validator have no location nor field.</summary>
internal sealed record StoredDiscrepancy(string Rule, string Message, string? Location = null, string? Field = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<StoredTax>))]
[JsonSerializable(typeof(List<StoredDiscrepancy>))]
internal sealed partial class SupplierInvoiceStorageJsonContext : JsonSerializerContext;
