using System.ComponentModel;

namespace Comptoir.Server.Attachments;

// The attachment JSON (AttachmentsApi.WriteFields) and the upload form, described for the OpenAPI document only.

[Description("An uploaded file; url is a pre-signed download link that needs no credentials and expires.")]
[PublicSurface]
public sealed record AttachmentDoc(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string FileName,
    string FileSize,
    string FileContentType,
    string Url,
    ProbativeAttachmentDoc ProbativeAttachment);

[Description("status: always unavailable here.")]
public sealed record ProbativeAttachmentDoc(string Status);

[PublicSurface]
public sealed record AttachmentResponseDoc(AttachmentDoc Attachment);

[Description("multipart/form-data with the file (at most 10 MB) in a field named file; needs X-Qonto-Idempotency-Key.")]
[PublicSurface]
public sealed record AttachmentUploadDoc(Microsoft.AspNetCore.Http.IFormFile File);
