using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Comptoir.Server.Http.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>One invoice of a bulk upload as sent, before any rule is applied.</summary>
/// <param name="Pointer">Its JSON pointer in errors: /supplier_invoices/N, N the client's index or the position.</param>
public sealed class BulkFormItem(string pointer)
{
    public string Pointer { get; } = pointer;
    public string? FileName { get; set; }
    public byte[]? Content { get; set; }

    /// <summary>The file's size as sent, also when it was too large to keep.</summary>
    public long FileSize { get; set; }

    public bool HasFile { get; set; }
    public string? AttachmentId { get; set; }
    public string? IdempotencyKey { get; set; }

    /// <summary>A field sent twice for this invoice (indexed spelling), which makes it ambiguous.</summary>
    public string? Repeated { get; set; }

    public bool Has(string field) => field switch
    {
        "file" => HasFile,
        "attachment_id" => AttachmentId is not null,
        "idempotency_key" => IdempotencyKey is not null,
        _ => false,
    };
}

/// <summary>The whole multipart body of POST /v2/supplier_invoices/bulk.</summary>
public sealed record BulkForm(IReadOnlyList<BulkFormItem> Items, string? Source, string? Meta, string? SkipAttachmentMatcher);

/// <summary>
/// Reads the multipart body of a bulk upload in order, part by part. Invoices are spelled
/// <c>supplier_invoices[][field]</c> (a field already set on the current invoice starts the next one, as Rails reads
/// such arrays: send each invoice's parts together) or <c>supplier_invoices[N][field]</c> (any order). A file above the
/// per-file limit is counted, not kept. A body that cannot be read at all is a 400.
/// </summary>
public static partial class SupplierInvoiceBulkFormReader
{
    /// <summary>Parts read before the body is refused: far more than 20 invoices of three parts each and the request fields.</summary>
    public const int MaxParts = 200;

    private const int MaxFieldBytes = 64 * 1024;

    public static async Task<BulkForm> ReadAsync(HttpRequest request, long maxFileSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(media.Boundary).Length == 0)
        {
            throw ApiException.BadRequest("invalid_content_type", "Send the invoices as multipart/form-data (with a boundary): supplier_invoices[][file] or supplier_invoices[][attachment_id], and supplier_invoices[][idempotency_key].");
        }

        var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(media.Boundary).ToString(), request.Body) { HeadersLengthLimit = 8 * 1024, HeadersCountLimit = 8 };
        var positional = new List<BulkFormItem>();
        var indexed = new SortedDictionary<int, BulkFormItem>();
        string? source = null, meta = null, skip = null;
        var parts = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (++parts > MaxParts)
                {
                    throw Malformed($"more than {MaxParts} parts");
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw Malformed("a part without a form-data Content-Disposition");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
                var fileName = disposition.IsFileDisposition() ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).ToString() : null;
                var match = ItemField().Match(name);
                if (!match.Success)
                {
                    var value = await ReadTextAsync(section.Body, name, cancellationToken).ConfigureAwait(false);
                    switch (name)
                    {
                        case "source": source = value; break;
                        case "meta": meta = value; break;
                        case "skip_attachment_matcher": skip = value; break;
                    }

                    continue; // other parts are ignored, as a form reader would
                }

                var field = match.Groups["field"].Value;
                BulkFormItem item;
                if (match.Groups["index"].Value.Length == 0)
                {
                    if (positional.Count == 0 || positional[^1].Has(field))
                    {
                        positional.Add(new BulkFormItem($"/supplier_invoices/{positional.Count}"));
                    }

                    item = positional[^1];
                }
                else
                {
                    if (!int.TryParse(match.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 9999)
                    {
                        throw Malformed($"the index of '{name}' is not a number from 0 to 9999");
                    }

                    if (!indexed.TryGetValue(index, out item!))
                    {
                        indexed[index] = item = new BulkFormItem($"/supplier_invoices/{index}");
                    }
                }

                if (item.Has(field))
                {
                    item.Repeated = field;
                }

                if (field == "file")
                {
                    item.HasFile = true;
                    item.FileName = fileName;
                    (item.Content, item.FileSize) = await ReadFileAsync(section.Body, maxFileSize, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var value = await ReadTextAsync(section.Body, name, cancellationToken).ConfigureAwait(false);
                    if (field == "attachment_id")
                    {
                        item.AttachmentId = value;
                    }
                    else
                    {
                        item.IdempotencyKey = value;
                    }
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw Malformed(e.Message.TrimEnd('.'));
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            throw Malformed(e.Message.TrimEnd('.'));
        }

        if (positional.Count > 0 && indexed.Count > 0)
        {
            throw ApiException.BadRequest("invalid", "Spell every invoice supplier_invoices[][field] or every invoice supplier_invoices[N][field], not both in one request.");
        }

        return new BulkForm(positional.Count > 0 ? positional : [.. indexed.Values], source, meta, skip);
    }

    /// <summary>The bytes when at most <paramref name="maxFileSize"/>; otherwise null, the rest drained, and the size.</summary>
    private static async Task<(byte[]? Content, long Size)> ReadFileAsync(Stream body, long maxFileSize, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            size += read;
            if (size <= maxFileSize)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        return (size <= maxFileSize ? buffer.ToArray() : null, size);
    }

    private static async Task<string> ReadTextAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxFieldBytes)
            {
                throw ApiException.BadRequest("invalid", $"The field '{name}' is longer than {MaxFieldBytes / 1024} KB.");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Trim();
        }
        catch (DecoderFallbackException)
        {
            throw ApiException.BadRequest("invalid", $"The field '{name}' is not valid UTF-8 text.");
        }
    }

    private static ApiException Malformed(string reason) =>
        ApiException.BadRequest("invalid_multipart", $"The multipart/form-data body could not be read: {reason}.");

    [GeneratedRegex(@"^supplier_invoices\[(?<index>[0-9]*)\]\[(?<field>file|attachment_id|idempotency_key)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemField();
}
