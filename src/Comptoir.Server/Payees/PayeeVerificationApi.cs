using Comptoir.Core.Banking;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Payees;

/// <summary>POST /v2/sepa/verify_payee and /v2/sepa/bulk_verify_payee (payment.write).</summary>
public static class PayeeVerificationApi
{
    public const int MaxBulk = 400;

    public static IEndpointRouteBuilder MapPayeeVerificationApi(this IEndpointRouteBuilder app)
    {
        var payees = app.MapGroup("/v2/sepa").RequireScope(Scopes.PaymentWrite).WithTags("Payee verification");
        payees.MapPost("/verify_payee", Verify)
            .WithSummary("Verify a payee's name against an IBAN").AcceptsJson<VerifyPayeeRequestDoc>()
            .Returns<VerifyPayeeResponseDoc>().WithErrors(400, 409, 413, 422);
        payees.MapPost("/bulk_verify_payee", BulkVerify)
            .WithSummary("Verify up to 400 payees at once").AcceptsJson<BulkVerifyPayeeRequestDoc>()
            .Returns<BulkVerifyPayeeResponseDoc>().WithErrors(400, 409, 413, 422);
        return app;
    }

    private static async Task<IResult> Verify(HttpContext context, PayeeVerification verification)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var body = new JsonBody(document.RootElement, string.Empty);
        var (iban, name) = ReadPair(body);
        var (results, token) = await verification.VerifyAsync(principal.OrganizationId, [(null, iban, name)], context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(json =>
        {
            json.WriteString("match_result", results[0].MatchResult);
            json.WriteNullableString("matched_name", results[0].MatchedName);
            json.WriteStartObject("proof_token");
            json.WriteString("token", token);
            json.WriteEndObject();
        });
    }

    private static async Task<IResult> BulkVerify(HttpContext context, PayeeVerification verification)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var body = new JsonBody(document.RootElement, string.Empty);
        var requests = body.Objects("requests", MaxBulk).Select(r => (Id: r.String("id", 100), Pair: ReadPair(r))).ToList();
        if (requests.Count == 0)
        {
            throw ApiException.Invalid("/requests", "required", $"requests needs 1 to {MaxBulk} entries.");
        }

        var (results, token) = await verification.VerifyAsync(principal.OrganizationId, requests.Select(r => (r.Id, r.Pair.Iban, r.Pair.Name)).ToList(), context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(json =>
        {
            json.WriteStartObject("proof_token");
            json.WriteString("token", token);
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteNullableString("id", result.RequestId);
                json.WriteString("match_result", result.MatchResult);
                json.WriteNullableString("matched_name", result.MatchedName);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    private static (string Iban, string Name) ReadPair(JsonBody body)
    {
        var iban = body.RequiredString("iban", 42);
        if (Iban.Validate(iban) is { } problem)
        {
            throw ApiException.Invalid(body.PointerOf("iban"), "invalid", "iban " + problem);
        }

        var name = body.RequiredString("beneficiary_name", 140);
        return (Iban.Normalize(iban), name);
    }
}
