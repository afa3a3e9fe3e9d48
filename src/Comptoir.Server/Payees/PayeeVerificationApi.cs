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
            .Returns<BulkVerifyPayeeResponseDoc>().WithErrors(400, 409, 413, 422, 429);
        payees.MapPost("/skip_verify_payee", SkipVerify)
            .WithSummary("A proof token for up to 400 payees paid without a name check").AcceptsJson<BulkVerifyPayeeRequestDoc>()
            .Returns<SkipVerifyPayeeResponseDoc>().WithErrors(400, 409, 413, 422, 429);
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
        var entries = ReadEntries(new JsonBody(document.RootElement, string.Empty));
        var valid = entries.Where(e => e.ErrorCode is null).ToList();
        var (results, token) = await verification.VerifyAsync(principal.OrganizationId, valid.Select(e => ((string?)e.Id, e.Iban!, e.Name!)).ToList(), context.RequestAborted).ConfigureAwait(false);
        var resultOf = valid.Select((e, i) => (e.Position, Result: results[i])).ToDictionary(r => r.Position, r => r.Result);
        return JsonResponse.Ok(json =>
        {
            WriteProofToken(json, token);
            json.WriteStartArray("requests");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("id", entry.Id);
                if (entry.ErrorCode is not null)
                {
                    json.WriteString("error_code", entry.ErrorCode);
                }
                else
                {
                    var result = resultOf[entry.Position];
                    json.WriteStartObject("response");
                    json.WriteString("match_result", result.MatchResult);
                    json.WriteNullableString("matched_name", result.MatchedName);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>A proof token for payments made without a name check; the transfers made with it record that.</summary>
    private static async Task<IResult> SkipVerify(HttpContext context, PayeeVerification verification)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var entries = ReadEntries(new JsonBody(document.RootElement, string.Empty));
        if (entries.FirstOrDefault(e => e.ErrorCode is not null) is { } bad)
        {
            throw ApiException.Invalid($"/requests/{bad.Position}", "invalid", $"Request {bad.Id}: {bad.ErrorDetail}");
        }

        var token = await verification.SkipAsync(principal.OrganizationId, entries.Select(e => (e.Iban!, e.Name!)).ToList(), context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(json => WriteProofToken(json, token));
    }

    /// <summary>
    /// The requests of a bulk call: an entry's id is the caller's (its position when absent), and name is accepted
    /// for beneficiary_name. An IBAN or a name that cannot be checked is that entry's error, not the request's.
    /// </summary>
    private static List<BulkEntry> ReadEntries(JsonBody body)
    {
        var requests = body.Objects("requests", MaxBulk).ToList();
        if (requests.Count == 0)
        {
            throw ApiException.Invalid("/requests", "required", $"requests needs 1 to {MaxBulk} entries.");
        }

        var entries = new List<BulkEntry>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var id = request.String("id", 100) ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var iban = request.String("iban", 42);
            var name = request.String("beneficiary_name", 1000) ?? request.String("name", 1000);
            var ibanProblem = iban is null ? "iban is missing" : Iban.Validate(iban) is { } problem ? "iban " + problem : null;
            var nameProblem = string.IsNullOrWhiteSpace(name) ? "beneficiary_name is missing" : name.Length > 140 ? "beneficiary_name is longer than 140 characters" : null;
            entries.Add((ibanProblem, nameProblem) switch
            {
                ({ } detail, _) => new BulkEntry(i, id, null, null, "INVALID_IBAN", detail),
                (_, { } detail) => new BulkEntry(i, id, null, null, "INVALID_BENEFICIARY_NAME", detail),
                _ => new BulkEntry(i, id, Iban.Normalize(iban!), name!, null, null),
            });
        }

        return entries;
    }

    private static void WriteProofToken(System.Text.Json.Utf8JsonWriter json, string token)
    {
        json.WriteStartObject("proof_token");
        json.WriteString("token", token);
        json.WriteEndObject();
    }

    private sealed record BulkEntry(int Position, string Id, string? Iban, string? Name, string? ErrorCode, string? ErrorDetail);

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
