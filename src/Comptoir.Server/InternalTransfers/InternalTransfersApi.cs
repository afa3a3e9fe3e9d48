using Comptoir.Core.Money;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.InternalTransfers;

/// <summary>POST /v2/internal_transfers (internal_transfer.write): instant, between two accounts of the organization.</summary>
public static class InternalTransfersApi
{
    /// <summary>The largest amount one internal transfer moves, as for SEPA transfers: 100,000,000.00 EUR.</summary>
    public const long MaxAmountCents = 100_000_000_00;

    public static IEndpointRouteBuilder MapInternalTransfersApi(this IEndpointRouteBuilder app)
    {
        var transfers = app.MapGroup("/v2/internal_transfers").RequireScope(Scopes.InternalTransferWrite).WithTags("Internal transfers");
        transfers.MapPost("", Create)
            .WithSummary("Move money between two accounts of the organization, at once").AcceptsJson<InternalTransferRequestDoc>()
            .Returns<InternalTransferResponseDoc>(201).WithErrors(400, 409, 413, 422);
        transfers.MapGet("/{id}", Get)
            .WithSummary("Get an internal transfer").Returns<InternalTransferResponseDoc>().WithErrors(404);
        return app;
    }

    private static async Task<IResult> Create(HttpContext context, InternalTransferStore transfers)
    {
        var principal = context.Principal();
        var key = context.Request.Headers[IdempotencyMiddleware.Header].ToString();
        if (key.Length == 0)
        {
            throw ApiException.BadRequest("idempotency_key_required", $"POST /v2/internal_transfers needs an {IdempotencyMiddleware.Header} header (a UUID), so a retry can never move money twice.");
        }

        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var request = Read(new JsonBody(document.RootElement, string.Empty));
        static JsonResponse Created(InternalTransferRow created) => Single(created, 201);
        var (transfer, replayed) = await transfers.CreateAsync(principal.OrganizationId, principal.MembershipId, key, request, context.ReplyRecording<InternalTransferRow>(Created), context.RequestAborted).ConfigureAwait(false);
        if (replayed)
        {
            context.Response.Headers[IdempotencyMiddleware.ReplayedHeader] = "true";
            return Created(transfer);
        }

        return context.Reply(transfer, Created);
    }

    private static async Task<IResult> Get(HttpContext context, InternalTransferStore transfers, string id)
    {
        var transfer = await transfers.FindAsync(context.Principal().OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Internal transfer");
        return Single(transfer, 200);
    }

    // Every field is read, so that a 422 names each invalid one.
    private static InternalTransferRequest Read(JsonBody body)
    {
        var transfer = body.Object("internal_transfer") ?? throw ApiException.Invalid("/internal_transfer", "required", "internal_transfer is required.");
        var errors = new FieldErrors();
        string debitIban = string.Empty, creditIban = string.Empty, reference = string.Empty;
        long amountCents = 0;
        errors.Check(() =>
        {
            var amount = transfer.Decimal("amount") ?? throw ApiException.Invalid("/internal_transfer/amount", "required", "amount is required, as a decimal string such as \"12345.67\".");
            if (amount <= 0m || DecimalText.Scale(amount) > 2 || amount > Rounding.FromCents(MaxAmountCents))
            {
                throw ApiException.Invalid("/internal_transfer/amount", "invalid", "amount must be above 0, with at most 2 decimals and at most 100,000,000.00.");
            }

            amountCents = Rounding.ToCentsInteger(amount);
        });
        errors.Check(() =>
        {
            // One documentation generation spells it amount_currency.
            var name = transfer.Present("currency") ? "currency" : "amount_currency";
            var currency = transfer.String(name, 3);
            if (currency is not null && currency != "EUR")
            {
                throw ApiException.Invalid(transfer.PointerOf(name), "not_in_list", "Accounts here hold EUR.");
            }
        });
        errors.Check(() => debitIban = transfer.RequiredString("debit_iban", 42));
        errors.Check(() => creditIban = transfer.RequiredString("credit_iban", 42));
        errors.Check(() => reference = transfer.RequiredString("reference", 140));
        errors.ThrowIfAny();
        return new InternalTransferRequest(debitIban, creditIban, amountCents, reference);
    }

    private static JsonResponse Single(InternalTransferRow transfer, int status) =>
        JsonResponse.One("internal_transfer", InternalTransferResponse.From(transfer), InternalTransfersJsonContext.Default.InternalTransferResponse, status);
}
