namespace Comptoir.Server.Attachments;

/// <summary>An attachment's metadata (table attachments, without the content column).</summary>
[PublicSurface]
public sealed class AttachmentRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string FileName { get; set; } = string.Empty;
    public string ContentType { get; set; } = "application/octet-stream";
    public long FileSize { get; set; }
    public string Sha256 { get; set; } = string.Empty;
    public string? InvoiceId { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
}
