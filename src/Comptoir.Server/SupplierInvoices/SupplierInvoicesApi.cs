using System.Globalization;
using System.Text.Json;
using Comptoir.Core.Money;
using Comptoir.Server.Attachments;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Http.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>/v2/supplier_invoices: bulk upload, list with filters and sort, get, mark paid, unmark, reject.</summary>
public static class SupplierInvoicesApi
{
    private static readonly string[] SortFields = ["created_at", "updated_at", "file_name", "supplier_name", "payment_date", "due_date", "scheduled_date", "total_amount"];
    private static readonly string[] DueDateWords = ["past_and_today", "future", "missing_date"];

    public static IEndpointRouteBuilder MapSupplierInvoicesApi(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/v2/supplier_invoices").WithTags("Supplier invoices");
        invoices.MapPost("/bulk", Bulk).RequireScope(Scopes.SupplierInvoiceWrite)
            .WithSummary("Upload up to 20 supplier invoices (files or existing attachments); per-invoice errors in the 200 answer")
            .AcceptsForm<SupplierInvoiceBulkDoc>().Returns<SupplierInvoiceBulkResponseDoc>().WithErrors(400, 409, 413);
        invoices.MapGet("", List).RequireScope(Scopes.SupplierInvoiceRead)
            .WithSummary("List supplier invoices").WithPaging().WithSortBy("created_at:desc", SortFields)
            .WithListFilter("filter[status]", "Statuses (repeat the parameter, filter[status][]=..., or a comma list).", SupplierInvoiceStatus.All)
            .WithQuery(new QueryParameterDoc("filter[due_date]", "past_and_today, future (relative to today, UTC) or missing_date.", QueryValueKind.Text, DueDateWords))
            .WithTimestampFilters("filter[created_at_from]", "filter[created_at_to]", "filter[updated_at_from]", "filter[updated_at_to]")
            .WithFilter("filter[attachment_id]", "The invoice of this attachment.")
            .WithDateFilters("filter[issue_date_from]")
            .WithFilter("filter[payable_amount]", "A comparison with the amount due: lte:100.00:EUR, gte:..., lt, gt or eq; the currency is optional.")
            .WithBooleanFilter("filter[missing_data]", "true: invoices without a supplier name, number, total or issue date; false: the others.")
            .WithBooleanFilter("filter[exclude_credit_notes]", "true leaves credit notes out.")
            .WithFilter("query", "Text searched in query_fields; accents and case ignored.")
            .WithListFilter("query_fields", "Where query searches (all three when absent).", SupplierInvoiceQueryFields.All)
            .Returns<SupplierInvoiceListDoc>().WithErrors(400);
        invoices.MapGet("/{id}", Get).RequireScope(Scopes.SupplierInvoiceRead)
            .WithSummary("Get a supplier invoice").Returns<SupplierInvoiceResponseDoc>().WithErrors(404);
        invoices.MapPost("/{id}/mark_as_paid", MarkPaid).RequireScope(Scopes.SupplierInvoiceWrite)
            .WithSummary("Mark a supplier invoice paid (from to_review, to_approve or awaiting_payment)").AcceptsJson<SupplierInvoiceMarkPaidDoc>(optional: true)
            .Returns<SupplierInvoiceResponseDoc>().WithErrors(400, 404, 409, 413, 422);
        invoices.MapPost("/{id}/unmark_as_paid", UnmarkPaid).RequireScope(Scopes.SupplierInvoiceWrite)
            .WithSummary("Set a paid supplier invoice back to the status it was paid from").Returns<SupplierInvoiceResponseDoc>().WithErrors(400, 404, 409);
        invoices.MapPost("/{id}/reject", Reject).RequireScope(Scopes.SupplierInvoiceWrite)
            .WithSummary("Reject a supplier invoice (from to_review, to_approve or awaiting_payment)").AcceptsJson<SupplierInvoiceRejectDoc>(optional: true)
            .Returns<SupplierInvoiceResponseDoc>().WithErrors(400, 404, 409, 413, 422);
        return app;
    }

    private static async Task<IResult> Bulk(HttpContext context, SupplierInvoiceStore store, AttachmentStore attachments)
    {
        var principal = context.Principal();
        var cancellationToken = context.RequestAborted;
        var form = await SupplierInvoiceBulkFormReader.ReadAsync(context.Request, SupplierInvoiceBulkRequest.MaxFileSize, cancellationToken).ConfigureAwait(false);
        var settings = SupplierInvoiceBulkRequest.Settings(form);
        var (accepted, errors) = await SupplierInvoiceBulkRequest.ApplyAsync(form,
            async id => await attachments.FindAsync(principal.OrganizationId, id, cancellationToken).ConfigureAwait(false) is not null).ConfigureAwait(false);
        JsonResponse Render(SupplierInvoiceBatch batch) => BulkReply(batch.Rows, [.. errors.Concat(batch.Failed).OrderBy(e => ItemIndex(e.Pointer))]);
        if (accepted.Count == 0)
        {
            return Render(new SupplierInvoiceBatch([], []));
        }

        var batch = await store.CreateBatchAsync(principal.OrganizationId, principal.MembershipId, settings, accepted, context.ReplyRecording<SupplierInvoiceBatch>(Render), cancellationToken).ConfigureAwait(false);
        return context.Reply(batch, Render);
    }

    /// <summary>N of /supplier_invoices/N/..., so the errors come in the order of the request's invoices.</summary>
    private static int ItemIndex(string? pointer) =>
        pointer?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var index, ..] && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue;

    /// <summary>{"supplier_invoices": [each invoice once], "errors": [{code, detail, source: {pointer}}]}.</summary>
    private static JsonResponse BulkReply(IReadOnlyList<SupplierInvoiceRow> rows, IReadOnlyList<ApiError> errors) => JsonResponse.Ok(json =>
    {
        json.WriteStartArray("supplier_invoices");
        foreach (var row in rows.DistinctBy(r => r.Id))
        {
            JsonSerializer.Serialize(json, SupplierInvoiceResponse.From(row), SupplierInvoicesJsonContext.Default.SupplierInvoiceResponse);
        }

        json.WriteEndArray();
        json.WriteStartArray("errors");
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString("code", error.Code);
            json.WriteString("detail", error.Detail);
            json.WriteStartObject("source");
            json.WriteString("pointer", error.Pointer);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    private static async Task<IResult> List(HttpContext context, SupplierInvoiceStore store, TimeProvider clock)
    {
        var principal = context.Principal();
        var request = context.Request;
        var paging = Paging.Read(request);
        var (field, descending) = request.Sort("created_at:desc", SortFields);
        var query = new SupplierInvoiceQuery
        {
            Statuses = Among(request, "filter[status]", request.List("filter[status]"), SupplierInvoiceStatus.All),
            DueDate = Among(request, "filter[due_date]", request.List("filter[due_date]"), DueDateWords) is [var word, ..] ? word : null,
            Today = SupplierInvoiceStore.Today(clock.GetUtcNow()),
            CreatedFrom = request.Timestamp("filter[created_at_from]"),
            CreatedTo = request.Timestamp("filter[created_at_to]"),
            UpdatedFrom = request.Timestamp("filter[updated_at_from]"),
            UpdatedTo = request.Timestamp("filter[updated_at_to]"),
            AttachmentId = request.String("filter[attachment_id]"),
            IssueDateFrom = request.Date("filter[issue_date_from]"),
            PayableAmount = PayableAmount(request.String("filter[payable_amount]", 40)),
            MissingData = Boolean(request, "filter[missing_data]"),
            ExcludeCreditNotes = Boolean(request, "filter[exclude_credit_notes]") ?? false,
            Text = request.String("query") is { } text ? Storage.SearchText.Fold(text) : null,
            QueryFields = Among(request, "query_fields", request.List("query_fields"), SupplierInvoiceQueryFields.All) is { Count: > 0 } fields ? fields : SupplierInvoiceQueryFields.All,
            SortField = field,
            Descending = descending,
        };
        var (page, total) = await store.ListAsync(principal.OrganizationId, query, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Page("supplier_invoices", page.Select(SupplierInvoiceResponse.From), SupplierInvoicesJsonContext.Default.SupplierInvoiceResponse, paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, SupplierInvoiceStore store, string id)
    {
        var principal = context.Principal();
        var invoice = await store.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Supplier invoice");
        return Single(invoice);
    }

    private static async Task<IResult> MarkPaid(HttpContext context, SupplierInvoiceStore store, string id)
    {
        var principal = context.Principal();
        DateOnly? paymentDate = null;
        if (await OptionalBodyAsync(context).ConfigureAwait(false) is { } document)
        {
            using (document)
            {
                paymentDate = Unwrap(document).Date("payment_date");
            }
        }

        var invoice = await store.MarkPaidAsync(principal.OrganizationId, id, paymentDate, context.ReplyRecording<SupplierInvoiceRow>(Single), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(invoice, Single);
    }

    private static async Task<IResult> UnmarkPaid(HttpContext context, SupplierInvoiceStore store, string id)
    {
        var principal = context.Principal();
        var invoice = await store.UnmarkPaidAsync(principal.OrganizationId, id, context.ReplyRecording<SupplierInvoiceRow>(Single), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(invoice, Single);
    }

    private static async Task<IResult> Reject(HttpContext context, SupplierInvoiceStore store, string id)
    {
        var principal = context.Principal();
        string? note = null, reasonCode = null;
        if (await OptionalBodyAsync(context).ConfigureAwait(false) is { } document)
        {
            using (document)
            {
                var body = Unwrap(document);
                note = body.String("declined_note", 1000);
                reasonCode = body.String("declined_reason_code", 100);
            }
        }

        var invoice = await store.RejectAsync(principal.OrganizationId, id, note, reasonCode, context.ReplyRecording<SupplierInvoiceRow>(Single), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(invoice, Single);
    }

    /// <summary>The JSON body of an action, when one was sent (the actions work without).</summary>
    private static async Task<JsonDocument?> OptionalBodyAsync(HttpContext context) =>
        context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false)
            : null;

    /// <summary>{"supplier_invoice": {...}} as the public API documents it, or the same fields unwrapped.</summary>
    private static JsonBody Unwrap(JsonDocument document)
    {
        var body = new JsonBody(document.RootElement, string.Empty);
        return body.Object("supplier_invoice") ?? body;
    }

    private static IReadOnlyList<string> Among(HttpRequest request, string name, IReadOnlyList<string> values, IReadOnlyList<string> allowed)
    {
        var unknown = values.FirstOrDefault(v => !allowed.Contains(v, StringComparer.Ordinal));
        return unknown is null ? values : throw ApiException.BadRequest("not_in_list", $"{name} must be among: {string.Join(", ", allowed)}; got '{unknown}'.", parameter: name);
    }

    private static bool? Boolean(HttpRequest request, string name) => request.String(name, 5) switch
    {
        null => null,
        "true" or "1" => true,
        "false" or "0" => false,
        var other => throw ApiException.BadRequest("invalid", $"{name} must be true or false; got '{other}'.", parameter: name),
    };

    /// <summary>filter[payable_amount] "lte:100.00:EUR": a comparison, an amount and an optional currency.</summary>
    private static (string Operator, long Cents, string? Currency)? PayableAmount(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(':');
        var op = parts[0] switch { "lte" => "<=", "gte" => ">=", "lt" => "<", "gt" => ">", "eq" => "=", _ => null };
        if (op is null || parts.Length is < 2 or > 3 || !DecimalText.TryParse(parts[1], out var amount) || DecimalText.Scale(amount) > 2
            || (parts.Length == 3 && (parts[2].Length != 3 || !parts[2].All(char.IsAsciiLetterUpper))))
        {
            throw ApiException.BadRequest("invalid", $"filter[payable_amount] must look like lte:100.00:EUR (lte, gte, lt, gt or eq; the currency is optional); got '{text}'.", parameter: "filter[payable_amount]");
        }

        return (op, Rounding.ToCentsInteger(amount), parts.Length == 3 ? parts[2] : null);
    }

    private static JsonResponse Single(SupplierInvoiceRow invoice) =>
        JsonResponse.One("supplier_invoice", SupplierInvoiceResponse.From(invoice), SupplierInvoicesJsonContext.Default.SupplierInvoiceResponse);
}
