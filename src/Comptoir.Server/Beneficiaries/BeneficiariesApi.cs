using Comptoir.Server.Http.Query;
using System.Text.Json;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Beneficiaries;

/// <summary>
/// GET /v2/sepa/beneficiaries and /{id} (organization.read); POST (created untrusted) and PATCH /{id} (payment.write);
/// PATCH /trust (beneficiary.trust) and /untrust (payment.write, or beneficiary.trust).
/// </summary>
public static class BeneficiariesApi
{
    public static IEndpointRouteBuilder MapBeneficiariesApi(this IEndpointRouteBuilder app)
    {
        var beneficiaries = app.MapGroup("/v2/sepa/beneficiaries").RequireScope(Scopes.OrganizationRead).WithTags("Beneficiaries");
        beneficiaries.MapGet("", List)
            .WithSummary("List SEPA beneficiaries").WithPaging().WithSortBy("updated_at:desc", "updated_at", "created_at", "name")
            .WithListFilter("iban", "Only these IBANs.")
            .WithFilter("filter[name]", "Part of the name; accents and case ignored (name is accepted too).")
            .WithListFilter("status", "Only these statuses.", BeneficiaryStatus.All)
            .WithBooleanFilter("trusted", "Only trusted (true) or untrusted (false) beneficiaries.")
            .WithTimestampFilters("updated_at_from", "updated_at_to")
            .Returns<BeneficiaryListDoc>().WithErrors(400);
        beneficiaries.MapGet("/{id}", Get)
            .WithSummary("Get a SEPA beneficiary").Returns<BeneficiaryResponseDoc>().WithErrors(404);

        var writes = app.MapGroup("/v2/sepa/beneficiaries").WithTags("Beneficiaries");
        writes.MapPost("", Create).RequireScope(Scopes.PaymentWrite)
            .WithSummary("Add a SEPA beneficiary (untrusted)").AcceptsJson<NewBeneficiaryRequestDoc>()
            .Returns<BeneficiaryResponseDoc>(StatusCodes.Status201Created).WithErrors(400, 422);
        writes.MapPatch("/trust", (HttpContext context, BeneficiaryStore store) => SetTrusted(context, store, true)).RequireScope(Scopes.BeneficiaryTrust)
            .WithSummary("Trust up to 400 SEPA beneficiaries").AcceptsJson<BeneficiaryIdsDoc>().Returns<BeneficiariesDoc>().WithErrors(400, 404, 422);
        writes.MapPatch("/untrust", (HttpContext context, BeneficiaryStore store) => SetTrusted(context, store, false)).RequireScope(Scopes.PaymentWrite)
            .WithSummary("Untrust up to 400 SEPA beneficiaries").AcceptsJson<BeneficiaryIdsDoc>().Returns<BeneficiariesDoc>().WithErrors(400, 404, 422);
        writes.MapPatch("/{id}", Update).RequireScope(Scopes.PaymentWrite)
            .WithSummary("Update a SEPA beneficiary's name, email or activity tag").AcceptsJson<BeneficiaryChangesRequestDoc>()
            .Returns<BeneficiaryResponseDoc>().WithErrors(400, 404, 422);
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
        var name = request.String("filter[name]", 140) ?? request.String("name", 140);
        var query = new BeneficiaryQuery(request.List("iban"), statuses, trusted, request.Timestamp("updated_at_from"), request.Timestamp("updated_at_to"), field, descending,
            string.IsNullOrWhiteSpace(name) ? null : name);
        var (page, total) = await store.ListAsync(principal.OrganizationId, query, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("beneficiaries", page.Select(BeneficiaryResponse.From), BeneficiariesJsonContext.Default.BeneficiaryResponse, paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, BeneficiaryStore store, string id)
    {
        var principal = context.Principal();
        var beneficiary = await store.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Beneficiary");
        return JsonResponse.One("beneficiary", BeneficiaryResponse.From(beneficiary), BeneficiariesJsonContext.Default.BeneficiaryResponse);
    }

    private static async Task<IResult> Create(HttpContext context, BeneficiaryStore store)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var request = BeneficiaryRequest.ReadNew(JsonBody.Root(document));
        var bic = request.Bic ?? await store.KnownBicAsync(request.Iban, context.RequestAborted).ConfigureAwait(false)
            ?? throw ApiException.Invalid("/beneficiary/bic", "required", "bic is required: the server knows no bank for this IBAN.");
        static JsonResponse Render(BeneficiaryRow row) => JsonResponse.One("beneficiary", BeneficiaryResponse.From(row), BeneficiariesJsonContext.Default.BeneficiaryResponse, StatusCodes.Status201Created);
        var created = await store.AddAsync(principal.OrganizationId, request.Name, request.Iban, bic, request.Email, request.ActivityTag, trusted: false, BeneficiaryStatus.Validated,
            context.ReplyRecording<BeneficiaryRow>(Render), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(created, Render);
    }

    private static async Task<IResult> Update(HttpContext context, BeneficiaryStore store, string id)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var changes = BeneficiaryRequest.ReadChanges(JsonBody.Root(document));
        var updated = await store.UpdateAsync(principal.OrganizationId, id, changes, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Beneficiary");
        return JsonResponse.One("beneficiary", BeneficiaryResponse.From(updated), BeneficiariesJsonContext.Default.BeneficiaryResponse);
    }

    private static async Task<IResult> SetTrusted(HttpContext context, BeneficiaryStore store, bool trusted)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var ids = BeneficiaryRequest.ReadIds(JsonBody.Root(document));
        var (changed, missing) = await store.SetTrustedAsync(principal.OrganizationId, ids, trusted, context.RequestAborted).ConfigureAwait(false);
        if (missing is not null)
        {
            throw ApiException.Invalid("/ids", "not_found", $"'{missing}' is not a beneficiary of this organization; none was changed.");
        }

        IReadOnlyList<BeneficiaryResponse> listed = [.. changed.Select(BeneficiaryResponse.From)];
        return JsonResponse.One("beneficiaries", listed, BeneficiariesJsonContext.Default.IReadOnlyListBeneficiaryResponse);
    }
}
