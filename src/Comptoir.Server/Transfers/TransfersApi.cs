using Comptoir.Server.Http.Query;
using Comptoir.Server.Http.Idempotency;
using System.Text.Json;
using Comptoir.Core.Money;
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

namespace Comptoir.Server.Transfers;

/// <summary>POST/GET /v2/sepa/transfers, cancel, and the sandbox's mocked SCA approval (payment.write).</summary>
public static class TransfersApi
{
    public const string ScaHeader = "X-Qonto-Sca-Session-Token";

    /// <summary>How the user would like to approve an SCA session; accepted and checked, as the sandbox has one way only.</summary>
    public const string TwoFactorPreferenceHeader = "X-Qonto-2fa-Preference";

    private static readonly string[] TwoFactorPreferences = ["paired-device", "passkey", "sms-otp"];

    public static IEndpointRouteBuilder MapTransfersApi(this IEndpointRouteBuilder app)
    {
        var transfers = app.MapGroup("/v2/sepa/transfers").RequireScope(Scopes.PaymentWrite).WithTags("Transfers");
        transfers.MapPost("", Create)
            .WithSummary("Create a SEPA transfer").AcceptsJson<TransferRequestDoc>()
            .Returns<TransferResponseDoc>(201).WithErrors(400, 404, 409, 413, 422, 428);
        transfers.MapGet("", List)
            .WithSummary("List SEPA transfers").WithPaging().WithSortBy("created_at:desc", TransferQuery.SortFields)
            .WithListFilter("status", "Only these statuses.", TransferStatus.All)
            .WithListFilter("ids", "Only these transfers.")
            .WithListFilter("beneficiary_ids", "Only transfers to these beneficiaries.")
            .WithTimestampFilters("updated_at_from", "updated_at_to")
            .WithDateFilters("scheduled_date_from", "scheduled_date_to")
            .Returns<TransferListDoc>().WithErrors(400);
        transfers.MapGet("/{id}", Get)
            .WithSummary("Get a SEPA transfer").Returns<TransferResponseDoc>().WithErrors(404);
        transfers.MapPost("/{id}/cancel", Cancel)
            .WithSummary("Cancel a pending SEPA transfer (204, as the public API)").ReturnsNothing().WithErrors(404, 409);
        return app;
    }

    private static async Task<IResult> Create(HttpContext context, TransferStore transfers, TimeProvider clock)
    {
        var principal = context.Principal();
        var key = context.Request.Headers[IdempotencyMiddleware.Header].ToString();
        if (key.Length == 0)
        {
            throw ApiException.BadRequest("idempotency_key_required", $"POST /v2/sepa/transfers needs an {IdempotencyMiddleware.Header} header (a UUID), so a retry can never pay twice.");
        }

        var preference = context.Request.Headers[TwoFactorPreferenceHeader].ToString();
        if (preference.Length > 0 && !TwoFactorPreferences.Contains(preference))
        {
            throw ApiException.BadRequest("invalid", $"{TwoFactorPreferenceHeader} must be one of: {string.Join(", ", TwoFactorPreferences)}.", parameter: TwoFactorPreferenceHeader);
        }

        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var body = new JsonBody(document.RootElement, string.Empty);
        var request = Read(body, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var sca = context.Request.Headers[ScaHeader].ToString();
        static JsonResponse Created(TransferRow created) => Single(created, 201);
        var (transfer, replayed) = await transfers.CreateAsync(principal.OrganizationId, principal.MembershipId, key, request, sca.Length == 0 ? null : sca, context.ReplyRecording<TransferRow>(Created), context.RequestAborted).ConfigureAwait(false);
        if (replayed)
        {
            context.Response.Headers[IdempotencyMiddleware.ReplayedHeader] = "true";
            return Created(transfer);
        }

        return context.Reply(transfer, Created);
    }

    // Every field is read, so that a 422 names each invalid one.
    private static TransferRequest Read(JsonBody body, DateOnly today)
    {
        var errors = new FieldErrors();
        string token = string.Empty, bankAccountId = string.Empty, beneficiaryId = string.Empty, reference = string.Empty;
        string? note = null;
        long amountCents = 0;
        DateOnly? scheduled = null;
        IReadOnlyList<string> attachmentIds = [];
        errors.Check(() => token = body.RequiredString("vop_proof_token", 2000));
        var transfer = body.Object("transfer");
        if (transfer is null)
        {
            errors.Check(() => throw ApiException.Invalid("/transfer", "required", "transfer is required."));
            errors.ThrowIfAny();
        }

        var fields = transfer!.Value;
        errors.Check(() =>
        {
            var amount = fields.Decimal("amount") ?? throw ApiException.Invalid("/transfer/amount", "required", "amount is required, as a decimal string such as \"1100.50\".");
            if (amount <= 0m || DecimalText.Scale(amount) > 2 || amount > Rounding.FromCents(TransferLimits.MaxTransferCents))
            {
                throw ApiException.Invalid("/transfer/amount", "invalid", "amount must be above 0, with at most 2 decimals and at most 100,000,000.00.");
            }

            amountCents = Rounding.ToCentsInteger(amount);
        });
        errors.Check(() =>
        {
            var currency = fields.String("currency", 3);
            if (currency is not null && currency != "EUR")
            {
                throw ApiException.Invalid("/transfer/currency", "not_in_list", "SEPA transfers are in EUR.");
            }
        });
        errors.Check(() =>
        {
            scheduled = fields.Date("scheduled_date");
            if (scheduled < today)
            {
                throw ApiException.Invalid("/transfer/scheduled_date", "invalid", "scheduled_date cannot be in the past.");
            }
        });
        errors.Check(() => bankAccountId = fields.RequiredString("bank_account_id", 36));
        errors.Check(() => beneficiaryId = fields.RequiredString("beneficiary_id", 36));
        errors.Check(() => reference = fields.RequiredString("reference", 140));
        errors.Check(() => note = fields.String("note", 140));
        errors.Check(() => attachmentIds = fields.Strings("attachment_ids", 10, 36));
        errors.ThrowIfAny();
        return new TransferRequest(bankAccountId, beneficiaryId, amountCents, reference, note, scheduled, attachmentIds, token);
    }

    private static async Task<IResult> List(HttpContext context, TransferStore transfers)
    {
        var principal = context.Principal();
        var request = context.Request;
        var paging = Paging.Read(request);
        var statuses = request.List("status");
        if (statuses.FirstOrDefault(s => !TransferStatus.All.Contains(s)) is { } bad)
        {
            throw ApiException.BadRequest("not_in_list", $"status must be among: {string.Join(", ", TransferStatus.All)}; got '{bad}'.", parameter: "status[]");
        }

        var (field, descending) = request.Sort("created_at:desc", TransferQuery.SortFields);
        var query = new TransferQuery
        {
            Statuses = statuses,
            Ids = Limited(request.List("ids"), "ids[]"),
            BeneficiaryIds = Limited(request.List("beneficiary_ids"), "beneficiary_ids[]"),
            UpdatedFrom = request.Timestamp("updated_at_from"),
            UpdatedTo = request.Timestamp("updated_at_to"),
            ScheduledFrom = request.Date("scheduled_date_from"),
            ScheduledTo = request.Date("scheduled_date_to"),
            SortField = field,
            Descending = descending,
        };
        var (page, total) = await transfers.ListAsync(principal.OrganizationId, query, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("transfers", page.Select(TransferResponse.From), TransfersJsonContext.Default.TransferResponse, paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, TransferStore transfers, string id)
    {
        var principal = context.Principal();
        var transfer = await transfers.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transfer");
        return Single(transfer, 200);
    }

    private static async Task<IResult> Cancel(HttpContext context, TransferStore transfers, string id)
    {
        var principal = context.Principal();
        static JsonResponse Canceled(TransferRow canceled) => JsonResponse.NoContent();
        var transfer = await transfers.CancelAsync(principal.OrganizationId, id, context.ReplyRecording<TransferRow>(Canceled), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(transfer, Canceled);
    }

    // An id list long enough to be an attack on the query planner is refused rather than run.
    private static IReadOnlyList<string> Limited(IReadOnlyList<string> values, string parameter)
    {
        if (values.Count > 100 || values.Any(v => v.Length > 36))
        {
            throw ApiException.BadRequest("invalid", $"{parameter} takes at most 100 ids.", parameter: parameter);
        }

        return values;
    }

    private static JsonResponse Single(TransferRow transfer, int status) =>
        JsonResponse.One("transfer", TransferResponse.From(transfer), TransfersJsonContext.Default.TransferResponse, status);
}
