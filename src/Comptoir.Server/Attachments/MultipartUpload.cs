using Comptoir.Server.Http.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Comptoir.Server.Attachments;

/// <summary>The file of an upload, as read from its multipart body: a safe name, a media type and the bytes.</summary>
/// <param name="FileName">Sanitized by <see cref="FileNames"/>: no path, no control character.</param>
/// <param name="ContentType">A well-formed media type of at most <see cref="MultipartUpload.MaxContentTypeLength"/> characters.</param>
/// <param name="Content">The file's bytes.</param>
[PublicSurface]
public sealed record UploadedFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Reads the field <c>file</c> of a multipart/form-data upload. ASP.NET's form reader reports a malformed body
/// (no boundary, a body cut short, too many parts, an oversized part header) as InvalidDataException or IOException;
/// here each becomes a 400 in the envelope, and the file's own limits a 413 or 422 naming /file.
/// </summary>
[PublicSurface]
public static class MultipartUpload
{
    /// <summary>An upload is one file, perhaps with a few fields beside it; more parts than this is not an upload.</summary>
    public const int MaxParts = 16;

    /// <summary>One part's headers (Content-Disposition, Content-Type): far below this for any real client.</summary>
    public const int MaxPartHeaderBytes = 8 * 1024;

    public const int MaxContentTypeLength = 100;

    private const string FallbackContentType = "application/octet-stream";

    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = MaxParts,
        MultipartHeadersLengthLimit = MaxPartHeaderBytes,
        MultipartHeadersCountLimit = 8,
        KeyLengthLimit = 256,
    };

    public static async Task<UploadedFile> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsMultipartFormData(request.ContentType))
        {
            throw ApiException.BadRequest("invalid_content_type", "Send the file as multipart/form-data (with a boundary) in a field named 'file'.");
        }

        var form = await ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        var file = form.Files.GetFile("file") ?? throw ApiException.Invalid("/file", "required", "The multipart field 'file' is missing.");
        if (file.Length > AttachmentStore.MaxFileSize)
        {
            throw new ApiException(413, new ApiError("file_too_large", "The file is larger than 10 MB.", "/file"));
        }

        if (file.Length == 0)
        {
            throw ApiException.Invalid("/file", "invalid", "The file is empty.");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return new UploadedFile(FileNames.Sanitize(file.FileName, "attachment"), MediaType(file.ContentType), buffer.ToArray());
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(Limits, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw Malformed(e.Message);
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away mid-body: nobody to answer.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            // Kestrel's own BadHttpRequestException (413 over the body limit...) keeps its status in the error middleware.
            throw Malformed(e.Message);
        }
    }

    private static ApiException Malformed(string reason) =>
        ApiException.BadRequest("invalid_multipart", $"The multipart/form-data body could not be read: {reason.TrimEnd('.')}. Send one part named 'file' (at most {MaxParts} parts, {MaxPartHeaderBytes / 1024} KB of headers each), ended by the closing boundary.");

    private static bool IsMultipartFormData(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && HeaderUtilities.RemoveQuotes(media.Boundary).Length > 0;

    /// <summary>
    /// The part's Content-Type as sent, or application/octet-stream when it is absent, malformed, too long or not plain
    /// ASCII: it is sent back as the download's Content-Type, which must stay a valid header.
    /// </summary>
    private static string MediaType(string? contentType) =>
        contentType is { Length: > 0 and <= MaxContentTypeLength }
            && contentType.All(c => char.IsAscii(c) && !char.IsControl(c))
            && MediaTypeHeaderValue.TryParse(contentType, out _)
            ? contentType
            : FallbackContentType;
}
