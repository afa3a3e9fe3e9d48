using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Http.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Labels;

/// <summary>GET /v2/labels and /v2/labels/{id} (organization.read). Labels are created by administrators.</summary>
public static class LabelsApi
{
    public static IEndpointRouteBuilder MapLabelsApi(this IEndpointRouteBuilder app)
    {
        var labels = app.MapGroup("/v2/labels").RequireScope(Scopes.OrganizationRead).WithTags("Labels");
        labels.MapGet("", List).WithSummary("List the organization's labels").WithPaging().Returns<LabelListDoc>().WithErrors(400);
        labels.MapGet("/{id}", Get).WithSummary("Get a label").Returns<LabelResponseDoc>().WithErrors(404);
        return app;
    }

    private static async Task<IResult> List(HttpContext context, LabelStore store)
    {
        var principal = context.Principal();
        var paging = Paging.Read(context.Request);
        var (page, total) = await store.ListAsync(principal.OrganizationId, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("labels", page.Select(LabelResponse.From), LabelsJsonContext.Default.LabelResponse, paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, LabelStore store, string id)
    {
        var principal = context.Principal();
        var label = await store.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Label");
        return JsonResponse.One("label", LabelResponse.From(label), LabelsJsonContext.Default.LabelResponse);
    }
}
