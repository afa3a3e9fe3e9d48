using Comptoir.Server.Http.Query;
using Comptoir.Server.Http;
using System.Text.Json;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Organizations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.ClientInvoices;

/// <summary>/v2/client_invoices: create, get, list, update and delete drafts, finalize and the payment state changes.</summary>
public static class ClientInvoicesApi
{
    // The bare filter names a legacy client sends (?status=paid&updated_at_from=...), read as their filter[...] twins.
    private static readonly string[] BareFilterNames = ["status", "created_at_from", "created_at_to", "updated_at_from", "updated_at_to", "due_date", "due_date_from", "due_date_to"];

    public static IEndpointRouteBuilder MapClientInvoicesApi(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/v2/client_invoices").WithTags("Client invoices");
        invoices.MapGet("", List).RequireScope(Scopes.ClientInvoiceRead)
            .WithSummary("List client invoices").WithPaging().WithSortBy("created_at:desc", "created_at", "updated_at")
            .WithListFilter("filter[status]", "Only these statuses.", ClientInvoiceStatus.All)
            .WithTimestampFilters("filter[created_at_from]", "filter[created_at_to]", "filter[updated_at_from]", "filter[updated_at_to]")
            .WithDateFilters("filter[due_date]", "filter[due_date_from]", "filter[due_date_to]")
            .WithBareFilterNames(BareFilterNames)
            .Returns<ClientInvoiceListDoc>().WithErrors(400);
        invoices.MapGet("/{id}", Get).RequireScope(Scopes.ClientInvoiceRead)
            .WithSummary("Get a client invoice").Returns<ClientInvoiceResponseDoc>().WithErrors(404);
        invoices.MapPost("", Create).RequireScope(Scopes.ClientInvoiceWrite)
            .WithSummary("Create a client invoice (draft or unpaid)").AcceptsJson<ClientInvoiceRequestDoc>()
            .Returns<ClientInvoiceResponseDoc>(201).WithErrors(400, 404, 409, 413, 422);
        invoices.MapMethods("/{id}", ["PATCH", "PUT"], (Func<HttpContext, ClientInvoiceStore, OrganizationStore, string, Task<IResult>>)Update).RequireScope(Scopes.ClientInvoiceWrite)
            .WithSummary("Update a draft client invoice").AcceptsJson<ClientInvoiceRequestDoc>()
            .Returns<ClientInvoiceResponseDoc>().WithErrors(400, 404, 409, 413, 422);
        invoices.MapDelete("/{id}", Delete).RequireScope(Scopes.ClientInvoiceWrite)
            .WithSummary("Delete a draft client invoice").ReturnsNothing().WithErrors(404, 409);
        invoices.MapPost("/{id}/finalize", FinalizeInvoice).RequireScope(Scopes.ClientInvoiceWrite)
            .WithSummary("Finalize a draft: number it and issue its Factur-X PDF").Returns<ClientInvoiceResponseDoc>().WithErrors(404, 409, 422);
        invoices.MapPost("/{id}/mark_as_paid", (HttpContext c, ClientInvoiceStore s, string id) => Transition(c, s, id, "mark_as_paid")).RequireScope(Scopes.ClientInvoiceWrite)
            .WithSummary("Mark an unpaid client invoice as paid").AcceptsJson<MarkAsPaidRequestDoc>(optional: true)
            .Returns<ClientInvoiceResponseDoc>().WithErrors(400, 404, 409, 413, 422);
        invoices.MapPost("/{id}/unmark_as_paid", (HttpContext c, ClientInvoiceStore s, string id) => Transition(c, s, id, "unmark_as_paid")).RequireScope(Scopes.ClientInvoiceWrite)
            .WithSummary("Set a paid client invoice back to unpaid").Returns<ClientInvoiceResponseDoc>().WithErrors(404, 409);
        invoices.MapPost("/{id}/mark_as_canceled", (HttpContext c, ClientInvoiceStore s, string id) => Transition(c, s, id, "mark_as_canceled")).RequireScope(Scopes.ClientInvoiceWrite)
            .WithSummary("Cancel an unpaid client invoice, issuing the credit note of what remains to be credited").Returns<ClientInvoiceResponseDoc>().WithErrors(404, 409, 422);
        app.MapGet("/invoices/{id}", OpenInvoice).AllowAnonymous().WithTags("Client invoices")
            .WithSummary("Open an invoice's PDF from its invoice_url (no credentials)").ReturnsNothing(StatusCodes.Status302Found).WithErrors(404);
        return app;
    }

    /// <summary>
    /// invoice_url: the link a seller sends its client. It needs no credentials (the id is unguessable, as the
    /// public API's pay links) and redirects to a fresh pre-signed URL of the invoice's current PDF.
    /// </summary>
    private static async Task<IResult> OpenInvoice(HttpContext context, ClientInvoiceStore invoices, Attachments.UrlSigner signer, string id)
    {
        var invoice = await invoices.FindAnyAsync(id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Invoice");
        if (invoice.AttachmentId is null)
        {
            throw ApiException.NotFound("The invoice's PDF (it is being generated; try again in a few seconds)");
        }

        return Results.Redirect(await signer.SignAsync(PublicUrls.Base(context), invoice.AttachmentId, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> Create(HttpContext context, ClientInvoiceStore invoices, OrganizationStore organizations)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var body = Unwrap(new JsonBody(document.RootElement, string.Empty));
        // The client is read with the organization, before the body is validated, to save a round trip.
        var clientId = body.Element.TryGetProperty("client_id", out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out _) ? id.GetString() : null;
        var (organization, accounts, client) = await organizations.FindWithAccountsAsync(principal.OrganizationId, clientId, context.RequestAborted).ConfigureAwait(false)
            ?? throw ApiException.NotFound("Organization");
        var row = new ClientInvoiceRow();
        var content = new ClientInvoiceContent();
        var status = ClientInvoiceRequest.Apply(body, row, content, organization, accounts, creating: true)!;
        JsonResponse Created(ClientInvoiceRow invoice) => Single(context, invoice, 201);
        var created = await invoices.CreateAsync(row, content, status, organization, client, context.ReplyRecording<ClientInvoiceRow>(Created), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(created, Created);
    }

    private static async Task<IResult> Get(HttpContext context, ClientInvoiceStore invoices, string id)
    {
        var principal = context.Principal();
        var invoice = await invoices.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Client invoice");
        return Single(context, invoice, 200);
    }

    private static async Task<IResult> List(HttpContext context, ClientInvoiceStore invoices, ClientInvoiceListVersions versions, ClientInvoicePageCache cache)
    {
        var principal = context.Principal();
        var request = context.Request;
        var paging = Paging.Read(request);
        string F(string field) => request.FilterName(field);
        var statuses = request.List(F("status"));
        foreach (var status in statuses)
        {
            if (!ClientInvoiceStatus.All.Contains(status))
            {
                throw ApiException.BadRequest("not_in_list", $"{F("status")} must be among: {string.Join(", ", ClientInvoiceStatus.All)}; got '{status}'.", parameter: F("status"));
            }
        }

        var (field, descending) = request.Sort("created_at:desc", "created_at", "updated_at");
        var query = new ClientInvoiceQuery
        {
            Statuses = statuses,
            CreatedFrom = request.Timestamp(F("created_at_from")),
            CreatedTo = request.Timestamp(F("created_at_to")),
            UpdatedFrom = request.Timestamp(F("updated_at_from")),
            UpdatedTo = request.Timestamp(F("updated_at_to")),
            DueDate = request.Date(F("due_date")),
            DueFrom = request.Date(F("due_date_from")),
            DueTo = request.Date(F("due_date_to")),
            SortField = field,
            Descending = descending,
        };
        var baseUrl = PublicUrls.Base(context);
        // The version is read before the page is built (see ClientInvoicePageCache): never a stale page under a new tag.
        var version = await versions.ReadAsync(principal.OrganizationId, context.RequestAborted).ConfigureAwait(false);
        var queryKey = string.Join('\n', principal.OrganizationId, query.Canonical());
        var key = string.Join('\n', queryKey, baseUrl, paging.Page, paging.PerPage);
        var page = await cache.GetOrBuildAsync(key, version, async () =>
        {
            // Not cancelled with this request: other requests may be waiting for the same page.
            var (rows, total) = await invoices.ListAsync(principal.OrganizationId, query, paging.Offset, paging.PerPage, cache.FindTotal(queryKey, version)).ConfigureAwait(false);
            cache.StoreTotal(queryKey, version, total);
            return JsonResponse.ToBytes(json =>
            {
                json.WriteStartArray("client_invoices");
                foreach (var invoice in rows)
                {
                    ClientInvoiceRendering.WriteStored(json, invoice, baseUrl);
                }

                json.WriteEndArray();
                paging.WriteMeta(json, total);
            });
        }, context.RequestAborted).ConfigureAwait(false);

        return new CachedPageResult(page);
    }

    private static async Task<IResult> Update(HttpContext context, ClientInvoiceStore invoices, OrganizationStore organizations, string id)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var body = Unwrap(new JsonBody(document.RootElement, string.Empty));
        var (organization, accounts) = await OrganizationOf(principal, organizations, context.RequestAborted).ConfigureAwait(false);
        var updated = await invoices.UpdateDraftAsync(principal.OrganizationId, id,
            (row, content) => ClientInvoiceRequest.Apply(body, row, content, organization, accounts, creating: false), organization, context.RequestAborted).ConfigureAwait(false);
        return Single(context, updated, 200);
    }

    private static async Task<IResult> Delete(HttpContext context, ClientInvoiceStore invoices, string id)
    {
        var principal = context.Principal();
        return await invoices.DeleteDraftAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : throw ApiException.NotFound("Client invoice");
    }

    private static async Task<IResult> FinalizeInvoice(HttpContext context, ClientInvoiceStore invoices, OrganizationStore organizations, string id)
    {
        var principal = context.Principal();
        var (organization, _) = await OrganizationOf(principal, organizations, context.RequestAborted).ConfigureAwait(false);
        JsonResponse Finalized(ClientInvoiceRow invoice) => Single(context, invoice, 200);
        var invoice = await invoices.FinalizeAsync(principal.OrganizationId, id, organization, context.ReplyRecording<ClientInvoiceRow>(Finalized), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(invoice, Finalized);
    }

    private static async Task<IResult> Transition(HttpContext context, ClientInvoiceStore invoices, string id, string action)
    {
        var principal = context.Principal();
        DateTimeOffset? paidAt = null;
        if (action == "mark_as_paid" && context.Request.ContentLength > 0)
        {
            using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
            var body = new JsonBody(document.RootElement, string.Empty);
            if (body.Date("paid_at") is { } date)
            {
                paidAt = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }
        }

        JsonResponse Changed(ClientInvoiceRow changed) => Single(context, changed, 200);
        var reply = context.ReplyRecording<ClientInvoiceRow>(Changed);
        var invoice = action switch
        {
            "mark_as_paid" => await invoices.MarkPaidAsync(principal.OrganizationId, id, paidAt, reply, context.RequestAborted).ConfigureAwait(false),
            "unmark_as_paid" => await invoices.UnmarkPaidAsync(principal.OrganizationId, id, reply, context.RequestAborted).ConfigureAwait(false),
            "mark_as_canceled" => await invoices.CancelAsync(principal.OrganizationId, id, reply, context.RequestAborted).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        return context.Reply(invoice, Changed);
    }

    private static async Task<(OrganizationRow, IReadOnlyList<BankAccountRow>)> OrganizationOf(ApiPrincipal principal, OrganizationStore organizations, CancellationToken cancellationToken) =>
        await organizations.FindWithAccountsAsync(principal.OrganizationId, cancellationToken).ConfigureAwait(false) ?? throw ApiException.NotFound("Organization");

    /// <summary>The flat body of the public API's guide, or the same fields wrapped in {"client_invoice": {...}} as a widely used client sends.</summary>
    private static JsonBody Unwrap(JsonBody body) => body.Object("client_invoice") ?? body;

    private static JsonResponse Single(HttpContext context, ClientInvoiceRow invoice, int status)
    {
        var baseUrl = PublicUrls.Base(context);
        return new JsonResponse(status, json =>
        {
            json.WritePropertyName("client_invoice");
            ClientInvoiceRendering.WriteStored(json, invoice, baseUrl);
        });
    }
}
