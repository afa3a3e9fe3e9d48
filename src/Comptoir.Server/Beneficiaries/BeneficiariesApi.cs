using Comptoir.Server.Http.Query;
using System.Text.Json;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Beneficiaries;

/// <summary>GET /v2/sepa/beneficiaries and /{id} (organization.read). Creating and trusting is an administrator's act.</summary>
public static class BeneficiariesApi
{
    public static IEndpointRouteBuilder MapBeneficiariesApi(this IEndpointRouteBuilder app)
    {
        var beneficiaries = app.MapGroup("/v2/sepa/beneficiaries").RequireScope(Scopes.OrganizationRead).WithTags("Beneficiaries");
        beneficiaries.MapGet("", List)
            .WithSummary("List SEPA beneficiaries").WithPaging().WithSortBy("updated_at:desc", "updated_at", "created_at", "name")
            .WithListFilter("iban", "Only these IBANs.")
            .WithListFilter("status", "Only these statuses.", BeneficiaryStatus.All)
            .WithBooleanFilter("trusted", "Only trusted (true) or untrusted (false) beneficiaries.")
            .WithTimestampFilters("updated_at_from", "updated_at_to")
            .Returns<BeneficiaryListDoc>().WithErrors(400);
        beneficiaries.MapGet("/{id}", Get)
            .WithSummary("Get a SEPA beneficiary").Returns<BeneficiaryResponseDoc>().WithErrors(404);
        return app;
    }

    private static async Task<IResult> List(HttpContext context, BeneficiaryStore store)
    {
        var principal = context.Principal();
        var request = context.Request;
        var paging = Paging.Read(request);
        var statuses = request.List("status");
        if (statuses.FirstOrDefault(s => !BeneficiaryStatus.All.Contains(s)) is { } bad)
        {
            throw ApiException.BadRequest("not_in_list", $"status must be among: {string.Join(", ", BeneficiaryStatus.All)}; got '{bad}'.", parameter: "status[]");
        }

        bool? trusted = request.String("trusted", 5) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var other => throw ApiException.BadRequest("invalid", $"trusted must be true or false; got '{other}'.", parameter: "trusted"),
        };
        var (field, descending) = request.Sort("updated_at:desc", "updated_at", "created_at", "name");
        var query = new BeneficiaryQuery(request.List("iban"), statuses, trusted, request.Timestamp("updated_at_from"), request.Timestamp("updated_at_to"), field, descending);
        var (page, total) = await store.ListAsync(principal.OrganizationId, query, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("beneficiaries", page.Select(BeneficiaryResponse.From), BeneficiariesJsonContext.Default.BeneficiaryResponse, paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, BeneficiaryStore store, string id)
    {
        var principal = context.Principal();
        var beneficiary = await store.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Beneficiary");
        return JsonResponse.One("beneficiary", BeneficiaryResponse.From(beneficiary), BeneficiariesJsonContext.Default.BeneficiaryResponse);
    }
}
