using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Comptoir.Server.Http.OpenApi;

/// <summary>The document's title and introduction, and its security schemes.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Comptoir API",
            Version = "v2",
            Description = """
                A self-hostable business-banking API: organization and bank accounts, clients, client invoices (Factur-X
                PDFs), attachments, beneficiaries, payee verification, SEPA transfers and transactions.

                Authenticate with an API key (`Authorization: <organization-slug>:<secret-key>`, every scope) or an access
                token (`Authorization: Bearer <token>`, its scopes). A server started in sandbox mode also wants the
                `X-Qonto-Staging-Token` header on every request. Lists are paged with `page` and `per_page` and answer a
                `meta` object. Every error answers the same envelope: `{"errors":[{"code","detail","source"}],"trace_id"}`.
                A POST may carry `X-Qonto-Idempotency-Key`: a repeat within 30 minutes replays the first answer.
                """,
        };
        // No servers: the document's own address is the API's, also behind a proxy that rewrites the host.
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = SecuritySchemes.All();
        return Task.CompletedTask;
    }
}
