using System.Text.Json.Serialization;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>A VAT row as stored: the rate in percent as decimal text, the tax in cents.</summary>
internal sealed record StoredTax(string Rate, long Cents);

/// <summary>A discrepancy as stored.</summary>
internal sealed record StoredDiscrepancy(string Rule, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<StoredTax>))]
[JsonSerializable(typeof(List<StoredDiscrepancy>))]
internal sealed partial class SupplierInvoiceStorageJsonContext : JsonSerializerContext;
