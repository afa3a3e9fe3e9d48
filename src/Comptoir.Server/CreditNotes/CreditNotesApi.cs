using Comptoir.Server.Http;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Http.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.CreditNotes;

/// <summary>/v2/credit_notes: list and get (the public API's), and issue one (Comptoir's own).</summary>
public static class CreditNotesApi
{
    public static IEndpointRouteBuilder MapCreditNotesApi(this IEndpointRouteBuilder app)
    {
        var notes = app.MapGroup("/v2/credit_notes").WithTags("Credit notes");
        notes.MapGet("", List).RequireScope(Scopes.ClientInvoiceRead)
            .WithSummary("List credit notes").WithPaging().WithSortBy("created_at:desc", "created_at")
            .WithTimestampFilters("filter[created_at_from]", "filter[created_at_to]")
            .Returns<CreditNoteListDoc>().WithErrors(400);
        notes.MapGet("/{id}", Get).RequireScope(Scopes.ClientInvoiceRead)
            .WithSummary("Get a credit note").Returns<CreditNoteResponseDoc>().WithErrors(404);
        notes.MapPost("", Create).RequireScope(Scopes.ClientInvoiceWrite)
            .WithSummary("Issue a credit note of a finalized invoice, in full or in part (Comptoir's own)").AcceptsJson<CreditNoteRequestDoc>()
            .Returns<CreditNoteResponseDoc>(201).WithErrors(400, 409, 413, 422);
        return app;
    }

    private static async Task<IResult> Create(HttpContext context, CreditNoteStore notes)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var request = CreditNoteRequest.Read(new JsonBody(document.RootElement, string.Empty));
        static JsonResponse Created(CreditNoteRow note) => Single(note, 201);
        var note = await notes.CreateAsync(principal.OrganizationId, request, context.ReplyRecording<CreditNoteRow>(Created), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(note, Created);
    }

    private static async Task<IResult> Get(HttpContext context, CreditNoteStore notes, string id)
    {
        var note = await notes.FindAsync(context.Principal().OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Credit note");
        return Single(note, 200);
    }

    private static async Task<IResult> List(HttpContext context, CreditNoteStore notes)
    {
        var request = context.Request;
        var paging = Paging.Read(request);
        var (_, descending) = request.Sort("created_at:desc", "created_at");
        var query = new CreditNoteQuery(request.Timestamp("filter[created_at_from]"), request.Timestamp("filter[created_at_to]"), descending);
        var (rows, total) = await notes.ListAsync(context.Principal().OrganizationId, query, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(json =>
        {
            json.WriteStartArray("credit_notes");
            foreach (var note in rows)
            {
                CreditNoteRendering.WriteStored(json, note);
            }

            json.WriteEndArray();
            paging.WriteMeta(json, total);
        });
    }

    private static JsonResponse Single(CreditNoteRow note, int status) => new(status, json =>
    {
        json.WritePropertyName("credit_note");
        CreditNoteRendering.WriteStored(json, note);
    });
}
