using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Comptoir.Server.Http.OpenApi;

/// <summary>The OpenAPI 3.1 document at <see cref="DocumentPath"/> and the API reference page at <see cref="ReferencePath"/>, both public.</summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/v2/openapi.json";
    public const string ReferencePath = "/docs";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        // The generator names and shapes the documented properties with these options. No handler binds JSON through
        // them (bodies are read by hand), so they only have to match the wire: snake_case, strict numbers, and
        // constructor parameters without a default listed as required.
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
        });
        return services.AddOpenApi(o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id ? WithoutDocSuffix(id) : null;
            o.AddDocumentTransformer<DocumentInfoTransformer>();
            o.AddOperationTransformer<OperationDocsTransformer>();
        });
    }

    /// <summary>The component name of a documented type: types named ...Doc exist only for the document and drop the suffix (ClientDoc: Client).</summary>
    public static string SchemaName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return WithoutDocSuffix(type.Name);
    }

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        // Everything the page needs is served from the package: no CDN, no web fonts, no telemetry, no AI agent, and
        // no developer toolbar (its buttons lead to hosted services).
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("Comptoir API reference")
            .AddDocument(documentName: "v1", title: "Comptoir API v2", routePattern: DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .HideDeveloperTools());
        return app;
    }

    private static string WithoutDocSuffix(string name) => name.EndsWith("Doc", StringComparison.Ordinal) ? name[..^3] : name;
}
