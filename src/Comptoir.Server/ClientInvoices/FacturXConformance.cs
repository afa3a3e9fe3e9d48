using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Model;
using Comptoir.FacturX.Validation;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Refuses what would become an invalid Factur-X file, before it is stored: the CII XML the document job would embed
/// is written (no PDF) and run through the native validator (EN 16931, the Factur-X rules of its profile, and the
/// French CTC rules for a French seller: <see cref="InvoiceValidator.FatalFindingsForIssue"/>); every fatal finding becomes an error of one
/// 422, code <c>invalid</c>, detail <c>BR-O-02: rule text (/items/0/vat_exemption_reason)</c>, with the pointer
/// <see cref="FindingPointers"/> finds for it (decision 0025).
/// </summary>
[PublicSurface]
public static class FacturXConformance
{
    // The XML of documents found valid lately, by SHA-256: a check made before a write (outside SQLite's one writer)
    // spares the same check inside it the validator's millisecond. Bounded; emptied when full.
    private const int MaxRemembered = 4096;
    private static readonly ConcurrentDictionary<string, byte> Valid = new(StringComparer.Ordinal);

    /// <exception cref="ApiException">422 naming each fatal rule the document breaks and its field.</exception>
    public static void Require(InvoiceDocument document, FindingPointers pointers)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pointers);
        var xml = CiiWriter.Write(document);
        var hash = Convert.ToHexString(SHA256.HashData(xml));
        if (Valid.ContainsKey(hash))
        {
            return;
        }

        // Read once: the rules and the pointers look at the same document.
        var parsed = Comptoir.FacturX.Reading.SecureXml.Load(xml);
        var fatal = InvoiceValidator.FatalFindingsForIssue(parsed);
        if (fatal.Count == 0)
        {
            if (Valid.Count >= MaxRemembered)
            {
                Valid.Clear();
            }

            Valid.TryAdd(hash, 0);
            return;
        }

        var errors = fatal
            .Select(f => (Finding: f, Pointer: pointers.Of(f, document, parsed)))
            .DistinctBy(e => (e.Finding.RuleId, e.Pointer))
            .Select(e => new ApiError("invalid", $"{e.Finding.RuleId}: {e.Finding.Message} ({e.Pointer})", e.Pointer))
            .ToList();
        throw new ApiException(422, errors);
    }

    /// <summary>
    /// A stored invoice the Factur-X mapping cannot read (a field it needs is missing), as a 422 whose pointer names
    /// what the request can change: the client for the buyer's fields, the settings for the seller's.
    /// </summary>
    public static ApiException Incomplete(JsonBodyException mapping, FindingPointers pointers)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(pointers);
        var pointer = mapping.Pointer switch
        {
            var p when p.StartsWith("/client", StringComparison.Ordinal) => pointers.Client,
            var p when p.StartsWith("/organization", StringComparison.Ordinal) => pointers.Settings,
            var p when p.StartsWith("/items/", StringComparison.Ordinal) && int.TryParse(p.Split('/')[2], out var line) => pointers.Item(line, null),
            // The invoice's own fields are named as the invoice's request names them; another request has its root.
            var p => p.Length > 0 && pointers == FindingPointers.ClientInvoice ? p : pointers.Document,
        };
        return ApiException.Invalid(pointer, mapping.Code, $"{mapping.Detail} ({mapping.Pointer} of the Factur-X mapping)");
    }
}
