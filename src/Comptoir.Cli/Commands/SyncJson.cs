using System.Text.Json.Serialization;
using Comptoir.Client.Models;

namespace Comptoir.Cli.Commands;

/// <summary>Source-generated JSON for the records the sync writes (snake_case, as the API).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ClientInvoice))]
[JsonSerializable(typeof(Transaction))]
[JsonSerializable(typeof(SupplierInvoice))]
internal sealed partial class SyncJson : JsonSerializerContext;
