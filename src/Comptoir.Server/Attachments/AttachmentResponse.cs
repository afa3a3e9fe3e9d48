using System.Globalization;
using System.Text.Json.Serialization;

namespace Comptoir.Server.Attachments;

/// <summary>The attachment object as the API prints it, with a freshly signed download URL; file_size is a string, as the public API has it.</summary>
[PublicSurface]
public sealed record AttachmentResponse(
    string Id,
    string CreatedAt,
    string UpdatedAt,
    string FileName,
    string FileSize,
    string FileContentType,
    string Url,
    ProbativeAttachment ProbativeAttachment)
{
    public static AttachmentResponse From(AttachmentRow attachment, string url)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new(attachment.Id, attachment.CreatedAt, attachment.UpdatedAt, attachment.FileName,
            attachment.FileSize.ToString(CultureInfo.InvariantCulture), attachment.ContentType, url, ProbativeAttachment.Unavailable);
    }
}

/// <summary>Probative value (an electronic-archiving certificate) is not offered here.</summary>
[PublicSurface]
public sealed record ProbativeAttachment(string Status)
{
    public static readonly ProbativeAttachment Unavailable = new("unavailable");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AttachmentResponse))]
internal sealed partial class AttachmentsJsonContext : JsonSerializerContext;
