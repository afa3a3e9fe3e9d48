using Comptoir.Server.Http.Query;
using Comptoir.Server.Http;
using System.Text.Json;
using Comptoir.Core.Money;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Attachments;
using Comptoir.Server.Transactions;
using Comptoir.Server.Organizations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Transactions;

/// <summary>GET /v2/transactions, /{id}, /{id}/attachments and POST /{id}/attachments (organization.read; attaching: attachment.write).</summary>
public static class TransactionsApi
{
    private static readonly string[] Statuses = ["pending", "declined", "completed"];
    private static readonly string[] OperationTypes = ["transfer", "card", "direct_debit", "income", "qonto_fee", "cheque", "recall", "swift_income", "other"];

    public static IEndpointRouteBuilder MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var transactions = app.MapGroup("/v2/transactions").WithTags("Transactions");
        transactions.MapGet("", List).RequireScope(Scopes.OrganizationRead)
            .WithSummary("List a bank account's transactions").WithPaging()
            .WithSortBy("settled_at:desc", "settled_at", "updated_at", "emitted_at", "created_at")
            .WithFilter("bank_account_id", "The account; this or iban is required, and wins over iban.")
            .WithFilter("iban", "The account's IBAN, when bank_account_id is not given.")
            .WithListFilter("status", "Only these statuses (default: completed).", Statuses)
            .WithListFilter("operation_type", "Only these operation types.", OperationTypes)
            .WithQuery(new QueryParameterDoc("side", "Only credits or only debits.", Values: ["credit", "debit"]))
            .WithBooleanFilter("with_attachments", "Only transactions with (true) or without (false) attachments.")
            .WithListFilter("includes", "Embed related objects; attachments adds each transaction's attachments.", ["attachments", "labels", "vat_details"])
            .WithTimestampFilters("updated_at_from", "updated_at_to", "settled_at_from", "settled_at_to", "emitted_at_from", "emitted_at_to")
            .Returns<TransactionListDoc>().WithErrors(400, 404);
        transactions.MapGet("/{id}", Get).RequireScope(Scopes.OrganizationRead)
            .WithSummary("Get a transaction").Returns<TransactionResponseDoc>().WithErrors(404);
        transactions.MapGet("/{id}/attachments", ListAttachments).RequireScope(Scopes.AttachmentRead)
            .WithSummary("List a transaction's attachments").Returns<TransactionAttachmentsDoc>().WithErrors(404);
        transactions.MapPost("/{id}/attachments", Attach).RequireScope(Scopes.AttachmentWrite)
            .WithSummary("Attach an uploaded attachment to a transaction").AcceptsJson<AttachToTransactionDoc>()
            .Returns<AttachToTransactionDoc>().WithErrors(400, 404, 409, 413, 422);
        return app;
    }

    private static async Task<IResult> List(HttpContext context, TransactionStore transactions, OrganizationStore organizations, AttachmentStore attachments, UrlSigner signer)
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
        Check(statuses, Statuses, "status[]");
        var operationTypes = request.List("operation_type");
        Check(operationTypes, OperationTypes, "operation_type[]");
        var side = request.String("side", 10);
        if (side is not (null or "credit" or "debit"))
        {
            throw ApiException.BadRequest("not_in_list", "side must be credit or debit.", parameter: "side");
        }

        var includes = request.List("includes");
        Check(includes, ["attachments", "labels", "vat_details"], "includes[]");
        var (field, descending) = request.Sort("settled_at:desc", "settled_at", "updated_at", "emitted_at", "created_at");
        var query = new TransactionQuery
        {
            BankAccountId = account.Id,
            Statuses = statuses.Count == 0 ? ["completed"] : statuses,
            UpdatedFrom = request.Timestamp("updated_at_from"),
            UpdatedTo = request.Timestamp("updated_at_to"),
            SettledFrom = request.Timestamp("settled_at_from"),
            SettledTo = request.Timestamp("settled_at_to"),
            EmittedFrom = request.Timestamp("emitted_at_from"),
            EmittedTo = request.Timestamp("emitted_at_to"),
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
        var links = await transactions.AttachmentIdsAsync(page.Select(t => t.Id).ToList(), context.RequestAborted).ConfigureAwait(false);
        var included = includes.Contains("attachments") ? await AttachmentsOf(links, principal.OrganizationId, attachments, signer, context).ConfigureAwait(false) : null;
        return JsonResponse.Page("transactions", page, (json, transaction) => WriteFields(json, transaction, links[transaction.Id].ToList(), included), paging, total);
    }

    private static async Task<IResult> Get(HttpContext context, TransactionStore transactions, string id)
    {
        var principal = context.Principal();
        var transaction = await transactions.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transaction");
        var links = await transactions.AttachmentIdsAsync([transaction.Id], context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(json =>
        {
            json.WriteStartObject("transaction");
            WriteFields(json, transaction, links[transaction.Id].ToList(), null);
            json.WriteEndObject();
        });
    }

    private static async Task<IResult> ListAttachments(HttpContext context, TransactionStore transactions, AttachmentStore attachments, UrlSigner signer, string id)
    {
        var principal = context.Principal();
        var transaction = await transactions.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transaction");
        var links = await transactions.AttachmentIdsAsync([transaction.Id], context.RequestAborted).ConfigureAwait(false);
        var included = await AttachmentsOf(links, principal.OrganizationId, attachments, signer, context).ConfigureAwait(false);
        return JsonResponse.Ok(json =>
        {
            json.WriteStartArray("attachments");
            foreach (var attachmentId in links[transaction.Id])
            {
                if (included.TryGetValue(attachmentId, out var write))
                {
                    json.WriteStartObject();
                    write(json);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        });
    }

    /// <summary>Links an uploaded attachment ({"attachment_id": ...}) to a transaction.</summary>
    private static async Task<IResult> Attach(HttpContext context, TransactionStore transactions, AttachmentStore attachments, string id)
    {
        var principal = context.Principal();
        using var document = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false);
        var attachmentId = new JsonBody(document.RootElement, string.Empty).RequiredString("attachment_id", 36);
        var transaction = await transactions.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Transaction");
        _ = await attachments.FindAsync(principal.OrganizationId, attachmentId, context.RequestAborted).ConfigureAwait(false)
            ?? throw ApiException.Invalid("/attachment_id", "not_found", "attachment_id is not an attachment of this organization (upload it with POST /v2/attachments).");
        await transactions.AttachAsync(transaction.Id, attachmentId, context.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(json => json.WriteString("attachment_id", attachmentId));
    }

    private static async Task<Dictionary<string, Action<Utf8JsonWriter>>> AttachmentsOf(ILookup<string, string> links, string organizationId, AttachmentStore attachments, UrlSigner signer, HttpContext context)
    {
        var result = new Dictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal);
        var baseUrl = PublicUrls.Base(context);
        foreach (var attachmentId in links.SelectMany(g => g).Distinct())
        {
            var attachment = await attachments.FindAsync(organizationId, attachmentId, context.RequestAborted).ConfigureAwait(false);
            if (attachment is null)
            {
                continue;
            }

            var url = await signer.SignAsync(baseUrl, attachment.Id, context.RequestAborted).ConfigureAwait(false);
            result[attachmentId] = json => Attachments.AttachmentsApi.WriteFields(json, attachment, url);
        }

        return result;
    }

    private static void WriteFields(Utf8JsonWriter json, TransactionRow t, IReadOnlyList<string> attachmentIds, Dictionary<string, Action<Utf8JsonWriter>>? included)
    {
        var amount = Rounding.FromCents(t.AmountCents);
        json.WriteString("id", t.Id);
        json.WriteString("transaction_id", t.TransactionId);
        json.WriteNumber("amount", amount);
        json.WriteNumber("amount_cents", t.AmountCents);
        if (t.SettledBalanceCents is { } balance)
        {
            json.WriteNumber("settled_balance", Rounding.FromCents(balance));
            json.WriteNumber("settled_balance_cents", balance);
        }
        else
        {
            json.WriteNull("settled_balance");
            json.WriteNull("settled_balance_cents");
        }

        json.WriteStartArray("attachment_ids");
        foreach (var id in attachmentIds)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteNumber("local_amount", amount);
        json.WriteNumber("local_amount_cents", t.AmountCents);
        json.WriteString("side", t.Side);
        json.WriteString("operation_type", t.OperationType);
        json.WriteString("currency", "EUR");
        json.WriteString("local_currency", "EUR");
        json.WriteString("label", t.Label);
        json.WriteNullableString("clean_counterparty_name", t.CounterpartyName);
        json.WriteNullableString("settled_at", t.SettledAt);
        json.WriteString("emitted_at", t.EmittedAt);
        json.WriteString("created_at", t.CreatedAt);
        json.WriteString("updated_at", t.UpdatedAt);
        json.WriteString("status", t.Status);
        json.WriteNullableString("note", t.Note);
        json.WriteNullableString("reference", t.Reference);
        json.WriteNull("vat_amount");
        json.WriteNull("vat_amount_cents");
        json.WriteNull("vat_rate");
        json.WriteNull("initiator_id");
        json.WriteStartArray("label_ids");
        json.WriteEndArray();
        json.WriteBoolean("attachment_lost", false);
        json.WriteBoolean("attachment_required", t.Side == "debit" && t.AmountCents > Transfers.TransferLimits.AttachmentRequiredAboveCents);
        json.WriteNull("card_last_digits");
        json.WriteString("category", t.OperationType == "income" ? "other_income" : "other_expense");
        json.WriteString("subject_type", "Transaction");
        json.WriteString("bank_account_id", t.BankAccountId);
        json.WriteBoolean("is_external_transaction", false);
        if (t.CounterpartyIban is null)
        {
            json.WriteNull("transfer");
        }
        else
        {
            json.WriteStartObject("transfer");
            json.WriteString("counterparty_account_number", t.CounterpartyIban);
            json.WriteString("counterparty_account_number_format", "IBAN");
            json.WriteNullableString("counterparty_bank_identifier", t.CounterpartyBic);
            json.WriteString("counterparty_bank_identifier_format", "BIC");
            json.WriteEndObject();
        }

        if (included is not null)
        {
            json.WriteStartArray("attachments");
            foreach (var id in attachmentIds)
            {
                if (included.TryGetValue(id, out var write))
                {
                    json.WriteStartObject();
                    write(json);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }
    }

    private static void Check(IReadOnlyList<string> values, IReadOnlyList<string> allowed, string parameter)
    {
        if (values.FirstOrDefault(v => !allowed.Contains(v)) is { } bad)
        {
            throw ApiException.BadRequest("not_in_list", $"{parameter} must be among: {string.Join(", ", allowed)}; got '{bad}'.", parameter: parameter);
        }
    }
}
