namespace Comptoir.Server.Labels;

/// <summary>A label transactions can carry (table labels); a label may sit under a parent label.</summary>
[PublicSurface]
public sealed class LabelRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string? ParentId { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
}
