using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Comptoir.Client.Http;
using Comptoir.Client.Models;

namespace Comptoir.Client.Services;

/// <summary>/v2/credit_notes: list and get (the public API's), and issue one (Comptoir's own).</summary>
public sealed class CreditNotesService
{
    private readonly ApiRequester _api;

    internal CreditNotesService(ApiRequester api) => _api = api;

    /// <summary>Issues a credit note of a finalized invoice (the idempotency key is generated when not given).</summary>
    public async Task<CreditNote> CreateAsync(NewCreditNote creditNote, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, "credit_notes", CreditNotesJsonContext.Default.Envelope, JsonContent.Create(creditNote, CreditNotesJsonContext.Default.NewCreditNote), idempotencyKey, cancellationToken: cancellationToken).ConfigureAwait(false)).CreditNote;

    /// <summary>One credit note by id.</summary>
    public async Task<CreditNote> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, $"credit_notes/{Uri.EscapeDataString(id)}", CreditNotesJsonContext.Default.Envelope, cancellationToken: cancellationToken).ConfigureAwait(false)).CreditNote;

    /// <summary>Every credit note created in [from, to] (either bound optional), newest first, page by page.</summary>
    public IAsyncEnumerable<CreditNote> ListAsync(DateTimeOffset? createdFrom = null, DateTimeOffset? createdTo = null, CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var query = Paging.Query(
                ("filter[created_at_from]", createdFrom is { } from ? Paging.Iso(from) : null),
                ("filter[created_at_to]", createdTo is { } to ? Paging.Iso(to) : null),
                ("sort_by", "created_at:desc"), ("per_page", "100"), ("page", page.ToString(CultureInfo.InvariantCulture)));
            var result = await _api.SendAsync(HttpMethod.Get, $"credit_notes?{query}", CreditNotesJsonContext.Default.Page, cancellationToken: ct).ConfigureAwait(false);
            return (result.CreditNotes, result.Meta);
        }, cancellationToken);

    internal sealed record Envelope(CreditNote CreditNote);

    internal sealed record PageEnvelope(IReadOnlyList<CreditNote> CreditNotes, Meta Meta);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreditNotesService.Envelope), TypeInfoPropertyName = "Envelope")]
[JsonSerializable(typeof(CreditNotesService.PageEnvelope), TypeInfoPropertyName = "Page")]
[JsonSerializable(typeof(NewCreditNote))]
internal sealed partial class CreditNotesJsonContext : JsonSerializerContext;
