using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Http.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Memberships;

/// <summary>GET /v2/memberships (organization.read) and GET /v2/membership, the caller's own (membership.read).</summary>
public static class MembershipsApi
{
    public static IEndpointRouteBuilder MapMembershipsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2").WithTags("Memberships");
        group.MapGet("/memberships", List).RequireScope(Scopes.OrganizationRead)
            .WithSummary("List the organization's memberships").WithPaging().Returns<MembershipListDoc>().WithErrors(400);
        group.MapGet("/membership", Current).RequireScope(Scopes.MembershipRead)
            .WithSummary("Get the membership the credential acts as").Returns<MembershipResponseDoc>().WithErrors(404);
        return app;
    }

    private static async Task<IResult> List(HttpContext context, MembershipStore store)
    {
        var principal = context.Principal();
        var paging = Paging.Read(context.Request);
        var (page, total) = await store.ListAsync(principal.OrganizationId, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("memberships", page.Select(MembershipResponse.From), MembershipsJsonContext.Default.MembershipResponse, paging, total);
    }

    private static async Task<IResult> Current(HttpContext context, MembershipStore store)
    {
        var principal = context.Principal();
        var membership = await store.FindAsync(principal.OrganizationId, principal.MembershipId, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Membership");
        return JsonResponse.One("membership", MembershipResponse.From(membership), MembershipsJsonContext.Default.MembershipResponse);
    }
}
