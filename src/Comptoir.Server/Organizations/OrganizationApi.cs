using Comptoir.Server.Http.Query;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Organizations;
using Comptoir.Server.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Organizations;

/// <summary>GET /v2/organization, GET /v2/bank_accounts, GET /v2/bank_accounts/{id} (organization.read).</summary>
public static class OrganizationApi
{
    public static IEndpointRouteBuilder MapOrganizationApi(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/v2").RequireScope(Scopes.OrganizationRead).WithTags("Organization");
        organization.MapGet("/organization", GetOrganization)
            .WithSummary("Get the organization and its bank accounts").Returns<OrganizationResponseDoc>().WithErrors(404);
        organization.MapGet("/bank_accounts", ListAccounts)
            .WithSummary("List bank accounts").WithPaging().Returns<BankAccountListDoc>().WithErrors(400);
        organization.MapGet("/bank_accounts/{id}", GetAccount)
            .WithSummary("Get a bank account").Returns<BankAccountResponseDoc>().WithErrors(404);
        return app;
    }

    private static async Task<IResult> GetOrganization(HttpContext context, OrganizationStore store)
    {
        var principal = context.Principal();
        var (organization, accounts) = await store.FindWithAccountsAsync(principal.OrganizationId, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Organization");
        return JsonResponse.One("organization", OrganizationResponse.From(organization, accounts), OrganizationsJsonContext.Default.OrganizationResponse);
    }

    private static async Task<IResult> ListAccounts(HttpContext context, OrganizationStore store)
    {
        var principal = context.Principal();
        var paging = Paging.Read(context.Request);
        var accounts = await store.AccountsAsync(principal.OrganizationId, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("bank_accounts", accounts.Skip(paging.Offset).Take(paging.PerPage).Select(BankAccountResponse.From), OrganizationsJsonContext.Default.BankAccountResponse, paging, accounts.Count);
    }

    private static async Task<IResult> GetAccount(HttpContext context, OrganizationStore store, string id)
    {
        var principal = context.Principal();
        var accounts = await store.AccountsAsync(principal.OrganizationId, context.RequestAborted).ConfigureAwait(false);
        var account = accounts.FirstOrDefault(a => a.Id == id) ?? throw ApiException.NotFound("Bank account");
        return JsonResponse.One("bank_account", BankAccountResponse.From(account), OrganizationsJsonContext.Default.BankAccountResponse);
    }
}
