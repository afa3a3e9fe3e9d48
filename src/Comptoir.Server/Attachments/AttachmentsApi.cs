using Comptoir.Server.Http;
using Comptoir.Server.Http.Idempotency;
using System.Text.Json;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Attachments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Comptoir.Server.Attachments;

/// <summary>POST /v2/attachments (multipart), GET /v2/attachments/{id} with a pre-signed URL, and the signed download.</summary>
public static class AttachmentsApi
{
    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var attachments = app.MapGroup("/v2/attachments").WithTags("Attachments");
        attachments.MapPost("", Upload).RequireScope(Scopes.AttachmentWrite)
            .WithSummary("Upload an attachment").AcceptsForm<AttachmentUploadDoc>()
            .Returns<AttachmentResponseDoc>(201).WithErrors(400, 409, 413, 422);
        attachments.MapGet("/{id}", Get).RequireScope(Scopes.AttachmentRead)
            .WithSummary("Get an attachment and a fresh download URL").Returns<AttachmentResponseDoc>().WithErrors(404);
        // The pre-signed URL is the credential: expires and signature in the query.
        attachments.MapGet("/{id}/download", Download).AllowAnonymous()
            .WithSummary("Download an attachment with a pre-signed URL")
            .WithQuery(new QueryParameterDoc("expires", "Unix time after which the link is refused (from the signed URL).", QueryValueKind.Integer))
            .WithQuery(new QueryParameterDoc("signature", "The link's signature (from the signed URL)."))
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").WithErrors(403, 404);
        return app;
    }

    private static async Task<IResult> Upload(HttpContext context, AttachmentStore store, UrlSigner signer)
    {
        var principal = context.Principal();
        if (string.IsNullOrWhiteSpace(context.Request.Headers[IdempotencyMiddleware.Header]))
        {
            throw ApiException.BadRequest("idempotency_key_required", $"POST /v2/attachments needs an {IdempotencyMiddleware.Header} header.");
        }

        var file = await MultipartUpload.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var sign = await signer.PrepareAsync(PublicUrls.Base(context), context.RequestAborted).ConfigureAwait(false);
        JsonResponse Created(AttachmentRow row) => Single(row, sign(row.Id), 201);
        var row = await store.CreateAsync(principal.OrganizationId, file.FileName, file.ContentType, file.Content, context.ReplyRecording<AttachmentRow>(Created), context.RequestAborted).ConfigureAwait(false);
        return context.Reply(row, Created);
    }

    private static async Task<IResult> Get(HttpContext context, AttachmentStore store, UrlSigner signer, string id)
    {
        var principal = context.Principal();
        var attachment = await store.FindAsync(principal.OrganizationId, id, context.RequestAborted).ConfigureAwait(false) ?? throw ApiException.NotFound("Attachment");
        var baseUrl = PublicUrls.Base(context);
        var url = await signer.SignAsync(baseUrl, attachment.Id, context.RequestAborted).ConfigureAwait(false);
        return Single(attachment, url, 200);
    }

    private static async Task<IResult> Download(HttpContext context, AttachmentStore store, UrlSigner signer, string id)
    {
        var problem = await signer.VerifyAsync(id, context.Request.Query["expires"], context.Request.Query["signature"], context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            throw ApiException.Forbidden("invalid_signature", problem);
        }

        var (row, content) = await store.ReadAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (row is null || content is null)
        {
            throw ApiException.NotFound("Attachment");
        }

        context.Response.Headers.CacheControl = "private, max-age=60";
        return Results.File(content, row.ContentType, row.FileName);
    }

    private static JsonResponse Single(AttachmentRow attachment, string url, int status) =>
        JsonResponse.One("attachment", AttachmentResponse.From(attachment, url), AttachmentsJsonContext.Default.AttachmentResponse, status);
}
