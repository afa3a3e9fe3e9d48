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
            .WithListFilter("status", "Only these statuses.", BeneficiaryStore.Statuses)
            .WithBooleanFilter("trusted", "Only trusted (true) or untrusted (false) beneficiaries.")
            .WithTimestampFilters("updated_at_from", "updated_at_to")
            .Returns<BeneficiaryListDoc>().WithErrors(400);
        beneficiaries.MapGet("/{id}", Get)
            .WithSummary("Get a SEPA beneficiary").Returns<BeneficiaryResponseDoc>().WithErrors(404);
        return app;
    }

    public static void WriteFields(Utf8JsonWriter json, BeneficiaryRow beneficiary)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(beneficiary);
        json.WriteString("id", beneficiary.Id);
        json.WriteString("name", beneficiary.Name);
        json.WriteString("iban", beneficiary.Iban);
        json.WriteNullableString("bic", beneficiary.Bic);
        json.WriteNullableString("email", beneficiary.Email);
        json.WriteNullableString("activity_tag", beneficiary.ActivityTag);
        json.WriteString("status", beneficiary.Status);
        json.WriteBoolean("trusted", beneficiary.Trusted);
        json.WriteString("created_at", beneficiary.CreatedAt);
        json.WriteString("updated_at", beneficiary.UpdatedAt);
    }

    private static async Task<IResult> List(HttpContext context, BeneficiaryStore store)
    {
        var principal = context.Principal();
        var request = context.Request;
        var paging = Paging.Read(request);
        var statuses = request.List("status");
        if (statuses.FirstOrDefault(s => !BeneficiaryStore.Statuses.Contains(s)) is { } bad)
        {
            throw ApiException.BadRequest("not_in_list", $"status must be among: {string.Join(", ", BeneficiaryStore.Statuses)}; got '{bad}'.", parameter: "status[]");
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
        return JsonResponse.Page("beneficiaries", page, WriteFields, paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, BeneficiaryStore store, string id)
    {
        var principal = context.Principal();
        var beneficiary = await store.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Beneficiary");
        return JsonResponse.Ok(json =>
        {
            json.WriteStartObject("beneficiary");
            WriteFields(json, beneficiary);
            json.WriteEndObject();
        });
    }
}
