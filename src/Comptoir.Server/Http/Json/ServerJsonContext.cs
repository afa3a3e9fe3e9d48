using System.Text.Json.Serialization;

namespace Comptoir.Server.Http.Json;

/// <summary>Source-generated serialisation for the small JSON values stored in text columns.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
