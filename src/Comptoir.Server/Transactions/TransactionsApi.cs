using Comptoir.Server.Http.Query;
using Comptoir.Server.Http;
using System.Text.Json;
using Comptoir.Core.Money;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Attachments;
using Comptoir.Server.Labels;
using Comptoir.Server.Transactions;
using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Transactions;

/// <summary>
/// GET /v2/transactions, /{id}, PATCH /{id} (labels and note), /{id}/attachments and POST /{id}/attachments
/// (organization.read; attaching: attachment.write).
/// </summary>
public static class TransactionsApi
{
        private static readonly string[] OperationTypes = ["transfer", "card", "direct_debit", "income", "qonto_fee", "cheque", "recall", "swift_income", "other"];

    public static IEndpointRouteBuilder MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var transactions = app.MapGroup("/v2/transactions").WithTags("Transactions");
        transactions.MapGet("", List).RequireScope(Scopes.OrganizationRead)
            .WithSummary("List a bank account's transactions").WithPaging()
            .WithSortBy("settled_at:desc", "settled_at", "updated_at", "emitted_at", "created_at")
            .WithFilter("bank_account_id", "The account; this or iban is required, and wins over iban.")
            .WithFilter("iban", "The account's IBAN, when bank_account_id is not given.")
            .WithListFilter("status", "Only these statuses (default: completed).", TransactionStatus.All)
            .WithListFilter("operation_type", "Only these operation types.", OperationTypes)
            .WithQuery(new QueryParameterDoc("side", "Only credits or only debits.", Values: ["credit", "debit"]))
            .WithBooleanFilter("with_attachments", "Only transactions with (true) or without (false) attachments.")
            .WithListFilter("includes", "Embed related objects: attachments, labels (each transaction's labels), vat_details (its VAT breakdown).", ["attachments", "labels", "vat_details"])
            .WithTimestampFilters("updated_at_from", "updated_at_to", "settled_at_from", "settled_at_to", "emitted_at_from", "emitted_at_to", "created_at_from", "created_at_to")
            .Returns<TransactionListDoc>().WithErrors(400, 404);
        transactions.MapGet("/{id}", Get).RequireScope(Scopes.OrganizationRead)
            .WithSummary("Get a transaction").WithListFilter("includes", "Embed related objects, as on the list.", ["attachments", "labels", "vat_details"])
            .Returns<TransactionResponseDoc>().WithErrors(400, 404);
        transactions.MapPatch("/{id}", Update).RequireScope(Scopes.OrganizationRead)
            .WithSummary("Set a transaction's labels and note").AcceptsJson<TransactionChangesDoc>()
            .Returns<TransactionResponseDoc>().WithErrors(400, 404, 422);
        transactions.MapGet("/{id}/attachments", ListAttachments).RequireScope(Scopes.AttachmentRead)
            .WithSummary("List a transaction's attachments").Returns<TransactionAttachmentsDoc>().WithErrors(404);
        transactions.MapPost("/{id}/attachments", Attach).RequireScope(Scopes.AttachmentWrite)
            .WithSummary("Upload a file to a transaction (multipart, field file), or attach an uploaded attachment ({\"attachment_id\"})")
            .AcceptsForm<AttachmentUploadDoc>().AcceptsJson<AttachToTransactionDoc>()
            .Returns<AttachmentResponseDoc>().WithErrors(400, 404, 409, 413, 422);
        transactions.MapDelete("/{id}/attachments", (HttpContext c, TransactionStore s, string id) => Detach(c, s, id, null)).RequireScope(Scopes.AttachmentWrite)
            .WithSummary("Remove every attachment from a transaction (the files stay)").ReturnsNothing().WithErrors(404);
        transactions.MapDelete("/{id}/attachments/{attachmentId}", Detach).RequireScope(Scopes.AttachmentWrite)
            .WithSummary("Remove one attachment from a transaction (the file stays)").ReturnsNothing().WithErrors(404);
        return app;
    }

    private static readonly string[] Includables = ["attachments", "labels", "vat_details"];

    private static async Task<IResult> List(HttpContext context, TransactionStore transactions, OrganizationStore organizations, AttachmentStore attachments, LabelStore labels, UrlSigner signer)
    {
        var principal = context.Principal();
        var request = context.Request;
        var paging = Paging.Read(request);
        var accounts = await organizations.AccountsAsync(principal.OrganizationId, context.RequestAborted).ConfigureAwait(false);
        var accountId = request.String("bank_account_id", 36);
        var iban = request.String("iban", 42);
        // bank_account_id wins over iban; one of them names the account.
        var account = accountId is not null ? accounts.FirstOrDefault(a => a.Id == accountId)
            : iban is not null ? accounts.FirstOrDefault(a => a.Iban == Core.Banking.Iban.Normalize(iban))
            : throw ApiException.BadRequest("required", "bank_account_id or iban is required.", parameter: "bank_account_id");
        if (account is null)
        {
            throw ApiException.NotFound("Bank account");
        }

        var statuses = request.List("status");
        Check(statuses, TransactionStatus.All, "status[]");
        var operationTypes = request.List("operation_type");
        Check(operationTypes, OperationTypes, "operation_type[]");
        var side = request.String("side", 10);
        if (side is not (null or "credit" or "debit"))
        {
            throw ApiException.BadRequest("not_in_list", "side must be credit or debit.", parameter: "side");
        }

        var includes = request.List("includes");
        Check(includes, Includables, "includes[]");
        var (field, descending) = request.Sort("settled_at:desc", "settled_at", "updated_at", "emitted_at", "created_at");
        var query = new TransactionQuery
        {
            BankAccountId = account.Id,
            Statuses = statuses.Count == 0 ? [TransactionStatus.Completed] : statuses,
            UpdatedFrom = request.Timestamp("updated_at_from"),
            UpdatedTo = request.Timestamp("updated_at_to"),
            SettledFrom = request.Timestamp("settled_at_from"),
            SettledTo = request.Timestamp("settled_at_to"),
            EmittedFrom = request.Timestamp("emitted_at_from"),
            EmittedTo = request.Timestamp("emitted_at_to"),
            CreatedFrom = request.Timestamp("created_at_from"),
            CreatedTo = request.Timestamp("created_at_to"),
            Side = side,
            OperationTypes = operationTypes,
            WithAttachments = request.String("with_attachments", 5) switch
            {
                null => null,
                "true" => true,
                "false" => false,
                var other => throw ApiException.BadRequest("invalid", $"with_attachments must be true or false; got '{other}'.", parameter: "with_attachments"),
            },
            SortField = field,
            Descending = descending,
        };
        var (page, total) = await transactions.ListAsync(principal.OrganizationId, query, paging.Offset, paging.PerPage, context.RequestAborted).ConfigureAwait(false);
        var rendered = await RenderAsync(page, includes, principal.OrganizationId, transactions, attachments, labels, signer, context).ConfigureAwait(false);
        return JsonResponse.Page("transactions", rendered, TransactionsJsonContext.Default.TransactionResponse, paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, TransactionStore transactions, AttachmentStore attachments, LabelStore labels, UrlSigner signer, string id)
    {
        var principal = context.Principal();
        var includes = context.Request.List("includes");
        Check(includes, Includables, "includes[]");
        var transaction = await transactions.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transaction");
        var rendered = await RenderAsync([transaction], includes, principal.OrganizationId, transactions, attachments, labels, signer, context).ConfigureAwait(false);
        return JsonResponse.One("transaction", rendered[0], TransactionsJsonContext.Default.TransactionResponse);
    }

    /// <summary>Sets labels (label_ids, the whole set) and the note; the fields may come bare or in a "transaction" object.</summary>
    private static async Task<IResult> Update(HttpContext context, TransactionStore transactions, AttachmentStore attachments, LabelStore labels, UrlSigner signer, string id)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var root = JsonBody.Root(document);
        var body = root.Object("transaction") ?? root;
        IReadOnlyList<string>? labelIds = body.Present("label_ids") ? body.Strings("label_ids", 100, 36) : null;
        var note = body.Present("note") ? body.String("note", 2000) ?? string.Empty : null;
        if (labelIds is { Count: > 0 })
        {
            var known = (await labels.FindManyAsync(principal.OrganizationId, labelIds, context.RequestAborted).ConfigureAwait(false)).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
            if (labelIds.FirstOrDefault(l => !known.Contains(l)) is { } unknown)
            {
                throw ApiException.Invalid(body.PointerOf("label_ids"), "not_found", $"'{unknown}' is not a label of this organization (see GET /v2/labels).");
            }
        }

        var updated = await transactions.UpdateAsync(principal.OrganizationId, id, labelIds, note, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transaction");
        var rendered = await RenderAsync([updated], [], principal.OrganizationId, transactions, attachments, labels, signer, context).ConfigureAwait(false);
        return JsonResponse.One("transaction", rendered[0], TransactionsJsonContext.Default.TransactionResponse);
    }

    private static async Task<IReadOnlyList<TransactionResponse>> RenderAsync(IReadOnlyList<TransactionRow> page, IReadOnlyList<string> includes, string organizationId,
        TransactionStore transactions, AttachmentStore attachments, LabelStore labels, UrlSigner signer, HttpContext context)
    {
        var ids = page.Select(t => t.Id).ToList();
        var attachmentLinks = await transactions.AttachmentIdsAsync(ids, context.RequestAborted).ConfigureAwait(false);
        var labelLinks = await transactions.LabelIdsAsync(ids, context.RequestAborted).ConfigureAwait(false);
        var includedAttachments = includes.Contains("attachments") ? await AttachmentsOf(attachmentLinks, organizationId, attachments, signer, context).ConfigureAwait(false) : null;
        var includedLabels = includes.Contains("labels")
            ? (await labels.FindManyAsync(organizationId, [.. labelLinks.SelectMany(g => g).Distinct(StringComparer.Ordinal)], context.RequestAborted).ConfigureAwait(false))
                .ToDictionary(l => l.Id, LabelResponse.From, StringComparer.Ordinal)
            : null;
        var embed = new TransactionResponse.Includes(includedAttachments, includedLabels, includes.Contains("vat_details"));
        return [.. page.Select(t => TransactionResponse.From(t, [.. attachmentLinks[t.Id]], [.. labelLinks[t.Id]], embed))];
    }

    private static async Task<IResult> ListAttachments(HttpContext context, TransactionStore transactions, AttachmentStore attachments, UrlSigner signer, string id)
    {
        var principal = context.Principal();
        var transaction = await transactions.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transaction");
        var links = await transactions.AttachmentIdsAsync([transaction.Id], context.RequestAborted).ConfigureAwait(false);
        var included = await AttachmentsOf(links, principal.OrganizationId, attachments, signer, context).ConfigureAwait(false);
        IReadOnlyList<AttachmentResponse> listed = [.. links[transaction.Id].Where(included.ContainsKey).Select(attachmentId => included[attachmentId])];
        return JsonResponse.One("attachments", listed, TransactionsJsonContext.Default.IReadOnlyListAttachmentResponse);
    }

    /// <summary>Links an uploaded attachment ({"attachment_id": ...}) to a transaction.</summary>
    private static async Task<IResult> Attach(HttpContext context, TransactionStore transactions, AttachmentStore attachments, UrlSigner signer, TimeProvider clock, string id)
    {
        var principal = context.Principal();
        if (!(context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false) && context.Request.HasFormContentType)
        {
            return await UploadAsync(context, transactions, attachments, signer, clock, id).ConfigureAwait(false);
        }

        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var attachmentId = new JsonBody(document.RootElement, string.Empty).RequiredString("attachment_id", 36);
        var transaction = await transactions.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transaction");
        _ = await attachments.FindAsync(principal.OrganizationId, attachmentId, context.RequestAborted).ConfigureAwait(false)
            ?? throw ApiException.Invalid("/attachment_id", "not_found", "attachment_id is not an attachment of this organization (upload it with POST /v2/attachments).");
        static JsonResponse Attached(string attached) => JsonResponse.Ok(json => json.WriteString("attachment_id", attached));
        await transactions.AttachAsync(transaction.Id, attachmentId, context.ReplyRecording<string>(Attached), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(attachmentId, Attached);
    }

    /// <summary>
    /// A file uploaded straight onto a transaction, as the public API takes it: the attachment and its link are written
    /// in one transaction, with the idempotent reply (the key is required, as for POST /v2/attachments).
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext context, TransactionStore transactions, AttachmentStore attachments, UrlSigner signer, TimeProvider clock, string id)
    {
        var principal = context.Principal();
        if (string.IsNullOrWhiteSpace(context.Request.Headers[IdempotencyMiddleware.Header]))
        {
            throw ApiException.BadRequest("idempotency_key_required", $"An upload to a transaction needs an {IdempotencyMiddleware.Header} header.");
        }

        var transaction = await transactions.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transaction");
        var file = await MultipartUpload.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var sign = await signer.PrepareAsync(PublicUrls.Base(context), context.RequestAborted).ConfigureAwait(false);
        JsonResponse Uploaded(AttachmentRow row) => JsonResponse.One("attachment", AttachmentResponse.From(row, sign(row.Id)), TransactionsJsonContext.Default.AttachmentResponse);
        var reply = context.ReplyRecording<AttachmentRow>(Uploaded);
        var row = await attachments.CreateAsync(principal.OrganizationId, file.FileName, file.ContentType, file.Content, async (c, t, created) =>
        {
            await TransactionStore.LinkAsync(c, t, transaction.Id, created.Id, Timestamps.ToText(clock.GetUtcNow())).ConfigureAwait(false);
            await reply.RunAsync(c, t, created).ConfigureAwait(false);
        }, context.RequestAborted).ConfigureAwait(false);
        return context.Reply(row, Uploaded);
    }

    private static async Task<IResult> Detach(HttpContext context, TransactionStore transactions, string id, string? attachmentId)
    {
        var principal = context.Principal();
        var transaction = await transactions.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transaction");
        if (await transactions.DetachAsync(transaction.Id, attachmentId, context.RequestAborted).ConfigureAwait(false) == 0 && attachmentId is not null)
        {
            throw ApiException.NotFound("Attachment of this transaction");
        }

        return JsonResponse.NoContent();
    }

    private static async Task<Dictionary<string, AttachmentResponse>> AttachmentsOf(ILookup<string, string> links, string organizationId, AttachmentStore attachments, UrlSigner signer, HttpContext context)
    {
        var result = new Dictionary<string, AttachmentResponse>(StringComparer.Ordinal);
        var baseUrl = PublicUrls.Base(context);
        foreach (var attachmentId in links.SelectMany(g => g).Distinct())
        {
            var attachment = await attachments.FindAsync(organizationId, attachmentId, context.RequestAborted).ConfigureAwait(false);
            if (attachment is null)
            {
                continue;
            }

            var url = await signer.SignAsync(baseUrl, attachment.Id, context.RequestAborted).ConfigureAwait(false);
            result[attachmentId] = AttachmentResponse.From(attachment, url);
        }

        return result;
    }

    private static void Check(IReadOnlyList<string> values, IReadOnlyList<string> allowed, string parameter)
    {
        if (values.FirstOrDefault(v => !allowed.Contains(v)) is { } bad)
        {
            throw ApiException.BadRequest("not_in_list", $"{parameter} must be among: {string.Join(", ", allowed)}; got '{bad}'.", parameter: parameter);
        }
    }
}
