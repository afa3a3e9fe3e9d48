using System.Text.Json;

namespace Comptoir.EndToEnd.Tests.Support;

public enum WriteKind
{
    Client,
    Attachment,
    Invoice,
    Finalize,
}

/// <summary>What the server answered to one POST; a replay says so with Idempotent-Replayed: true.</summary>
public sealed record WriteReply(int Status, string Body, bool Replayed)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The id of the client or invoice the reply describes, or null when the body holds none.</summary>
    public string? ResourceId => Resource()?.GetProperty("id").GetString();

    /// <summary>The invoice number a finalization reply shows, or null.</summary>
    public string? InvoiceNumber => Resource() is { } resource && resource.TryGetProperty("number", out var number) && number.ValueKind == JsonValueKind.String
        ? number.GetString()
        : null;

    /// <summary>The error code of an error envelope, or null.</summary>
    public string? ErrorCode
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
                    ? errors[0].GetProperty("code").GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public override string ToString() => $"{Status}{(Replayed ? " (replayed)" : string.Empty)} {Body[..Math.Min(Body.Length, 300)]}";

    private JsonElement? Resource()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            foreach (var name in new[] { "client", "attachment", "client_invoice" })
            {
                if (document.RootElement.TryGetProperty(name, out var resource) && resource.ValueKind == JsonValueKind.Object)
                {
                    return resource.Clone();
                }
            }
        }
        catch (JsonException)
        {
            return null; // an answer that is not JSON describes no resource
        }

        return null;
    }
}

/// <summary>
/// One POST of the load: its idempotency key and exact body, which every retry sends again unchanged, and what
/// became of it. <see cref="Marker"/> is written into the resource (client name, attachment file name, invoice
/// purchase_order; a finalization's is its invoice id) so the
/// audit can count how many resources one key produced.
/// </summary>
public sealed class IdempotentWrite(WriteKind kind, string key, string path, string body, string marker)
{
    public WriteKind Kind { get; } = kind;

    public string Key { get; } = key;

    public string Path { get; } = path;

    public string Body { get; } = body;

    public string Marker { get; } = marker;

    /// <summary>The answer to the first send; null while it got none (the process died under it).</summary>
    public WriteReply? FirstReply { get; set; }

    /// <summary>The successful answer the client holds: the first send's, or the retry's that resolved it.</summary>
    public WriteReply? Acknowledged { get; set; }

    /// <summary>True when the first send got no answer (whatever its retries did later).</summary>
    public bool WasUnanswered { get; set; }

    /// <summary>True once the retry after a restart has had its answer (a retry that failed is reported once, not again each restart).</summary>
    public bool Retried { get; set; }

    public override string ToString() => $"{Kind} {Path} key={Key}";
}
