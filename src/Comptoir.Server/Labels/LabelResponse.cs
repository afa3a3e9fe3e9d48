using System.Text.Json.Serialization;

namespace Comptoir.Server.Labels;

/// <summary>The label object as the API prints it: <c>{id, name, parent_id}</c>.</summary>
[PublicSurface]
public sealed record LabelResponse(string Id, string Name, string? ParentId)
{
    public static LabelResponse From(LabelRow label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new(label.Id, label.Name, label.ParentId);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LabelResponse))]
internal sealed partial class LabelsJsonContext : JsonSerializerContext;
