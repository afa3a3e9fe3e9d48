using Comptoir.Server.Http.Query;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Clients;
using Comptoir.Server.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Clients;

/// <summary>/v2/clients: list with filters and sort, get, create, update, delete (client.read / client.write).</summary>
public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/v2/clients").WithTags("Clients");
        clients.MapGet("", List).RequireScope(Scopes.ClientRead)
            .WithSummary("List clients").WithPaging().WithSortBy("name:asc", "name", "created_at", "updated_at")
            .WithFilter("filter[email]", "Exact e-mail, case-insensitive.")
            .WithFilter("filter[vat_number]", "Exact VAT number, spaces and case ignored.")
            .WithFilter("filter[tax_identification_number]", "Exact tax identification number.")
            .WithFilter("filter[name]", "Part of the name, at least 2 characters; accents and case ignored.")
            .WithTimestampFilters("filter[updated_at_from]", "filter[updated_at_to]")
            .Returns<ClientListDoc>().WithErrors(400);
        clients.MapGet("/{id}", Get).RequireScope(Scopes.ClientRead)
            .WithSummary("Get a client").Returns<ClientResponseDoc>().WithErrors(404);
        clients.MapPost("", Create).RequireScope(Scopes.ClientWrite)
            .WithSummary("Create a client").AcceptsJson<ClientRequestDoc>()
            .Returns<ClientResponseDoc>(201).WithErrors(400, 409, 413, 422);
        clients.MapMethods("/{id}", ["PATCH", "PUT"], Update).RequireScope(Scopes.ClientWrite)
            .WithSummary("Update a client").AcceptsJson<ClientRequestDoc>()
            .Returns<ClientResponseDoc>().WithErrors(400, 404, 413, 422);
        clients.MapDelete("/{id}", Delete).RequireScope(Scopes.ClientWrite)
            .WithSummary("Delete a client without invoices").ReturnsNothing().WithErrors(404, 409);
        return app;
    }

    private static async Task<IResult> List(HttpContext context, ClientStore store)
    {
        var principal = context.Principal();
        var request = context.Request;
        var paging = Paging.Read(request);
        var name = request.String("filter[name]");
        if (name is not null && name.Length < 2)
        {
            throw ApiException.BadRequest("too_short", "filter[name] needs at least 2 characters.", parameter: "filter[name]");
        }

        var (field, descending) = request.Sort("name:asc", "name", "created_at", "updated_at");
        var query = new ClientQuery
        {
            Email = request.String("filter[email]"),
            VatNumber = request.String("filter[vat_number]"),
            TaxIdentificationNumber = request.String("filter[tax_identification_number]"),
            Name = name,
            UpdatedFrom = request.Timestamp("filter[updated_at_from]"),
            UpdatedTo = request.Timestamp("filter[updated_at_to]"),
            SortField = field,
            Descending = descending,
        };
        var (page, total) = await store.ListAsync(principal.OrganizationId, query, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("clients", page.Select(ClientResponse.From), ClientsJsonContext.Default.ClientResponse, paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, ClientStore store, string id)
    {
        var principal = context.Principal();
        var client = await store.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Client");
        return Single(client, 200);
    }

    private static async Task<IResult> Create(HttpContext context, ClientStore store)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var body = Unwrap(new JsonBody(document.RootElement, string.Empty));
        var client = new ClientRow { OrganizationId = principal.OrganizationId };
        ClientRequest.Apply(body, client, creating: true);
        await store.CreateAsync(client, context.ReplyRecording<ClientRow>(Created), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(client, Created);

        static JsonResponse Created(ClientRow created) => Single(created, 201);
    }

    private static async Task<IResult> Update(HttpContext context, ClientStore store, string id)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var client = await store.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Client");
        ClientRequest.Apply(Unwrap(new JsonBody(document.RootElement, string.Empty)), client, creating: false);
        if (!await store.UpdateAsync(client, context.RequestAborted).ConfigureAwait(false))
        {
            throw ApiException.NotFound("Client");
        }

        return Single(client, 200);
    }

    private static async Task<IResult> Delete(HttpContext context, ClientStore store, string id)
    {
        var principal = context.Principal();
        return await store.DeleteAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) switch
        {
            null => throw ApiException.NotFound("Client"),
            false => throw ApiException.Conflict("client_has_invoices", "This client has invoices and cannot be deleted."),
            true => Results.NoContent(),
        };
    }

    /// <summary>Accepts the flat body and the same fields wrapped in {"client": {...}}.</summary>
    private static JsonBody Unwrap(JsonBody body) => body.Object("client") ?? body;

    private static JsonResponse Single(ClientRow client, int status) =>
        JsonResponse.One("client", ClientResponse.From(client), ClientsJsonContext.Default.ClientResponse, status);
}
