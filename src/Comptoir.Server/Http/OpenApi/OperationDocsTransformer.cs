using System.Globalization;
using System.Text.Json.Nodes;
using Comptoir.Server.Http.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Comptoir.Server.Http.OpenApi;

/// <summary>
/// Writes what each route declares in its <c>MapXxxApi</c> into its operation: the query parameters, the error answers
/// (those declared, plus 401, 403 and 429 as its access implies) and its security requirement with the scope.
/// </summary>
internal sealed class OperationDocsTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<int, string> ErrorDescriptions = new()
    {
        [400] = "The query or the body is malformed; the error's source.parameter names the query parameter.",
        [401] = "No valid credentials: missing, unknown, revoked or expired (in sandbox mode, also a missing staging token).",
        [403] = "Not allowed: the access token lacks the route's scope (missing_scope), or a link's signature is invalid or expired.",
        [404] = "Not found, or not this organization's.",
        [409] = "In conflict with the resource's current state, or the same idempotency key is still being processed.",
        [413] = "The body is too large.",
        [422] = "A field of the body is invalid or missing; the error's source.pointer names it.",
        [428] = "Strong customer authentication is needed: approve the session, then repeat the request with its token.",
        [429] = "Too many requests: retry after the seconds in the Retry-After header.",
        [503] = "The storage cannot serve for the moment (disk full, database or its directory gone, PostgreSQL out of reach): retry after the seconds in the Retry-After header.",
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var parameter in metadata.OfType<QueryParameterDoc>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(ToParameter(parameter));
        }

        if (metadata.OfType<RequestBodyDoc>().LastOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = !body.Optional,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    [body.ContentType] = new() { Schema = await ComponentAsync(context, body.Type, cancellationToken).ConfigureAwait(false) },
                },
            };
        }

        var isPublic = metadata.OfType<IAllowAnonymous>().Any();
        var requirement = isPublic ? null : metadata.OfType<CredentialRequirement>().LastOrDefault();
        var errors = new SortedSet<int>(metadata.OfType<ErrorResponsesDoc>().SelectMany(e => e.Statuses));
        if (context.Description.RelativePath?.StartsWith("v2/", StringComparison.Ordinal) == true)
        {
            errors.Add(429);
            if (!isPublic)
            {
                errors.Add(401);
            }
        }

        if (requirement?.Scope is not null)
        {
            errors.Add(403);
        }

        if (errors.Count > 0)
        {
            await AddErrorResponsesAsync(operation, context, errors, cancellationToken).ConfigureAwait(false);
        }

        if (requirement is not null)
        {
            operation.Security = SecuritySchemes.Requirements(context.Document!, requirement.Scope);
            operation.Description = requirement.Scope is { } scope
                ? $"Needs the `{scope}` scope (an API key has every scope).\n\n{operation.Description}".TrimEnd()
                : $"Needs any valid credential.\n\n{operation.Description}".TrimEnd();
        }
        else if (isPublic)
        {
            operation.Security = [];
        }
    }

    private static async Task AddErrorResponsesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, IEnumerable<int> statuses, CancellationToken cancellationToken)
    {
        var envelope = await ComponentAsync(context, typeof(ErrorEnvelopeDoc), cancellationToken).ConfigureAwait(false);
        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = ErrorDescriptions.GetValueOrDefault(status, "An error."),
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    [ResponseDocs.Json] = new() { Schema = envelope },
                },
            };
        }
    }

    /// <summary>A reference to the component describing <paramref name="type"/>, added to the document the first time.</summary>
    private static async Task<OpenApiSchemaReference> ComponentAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        var name = ApiDocumentation.SchemaName(type);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(name))
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken).ConfigureAwait(false);
            document.AddComponent(name, schema);
        }

        return new OpenApiSchemaReference(name, document);
    }

    private static OpenApiParameter ToParameter(QueryParameterDoc doc)
    {
        var schema = doc.Kind switch
        {
            QueryValueKind.Integer => new OpenApiSchema { Type = JsonSchemaType.Integer },
            QueryValueKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            QueryValueKind.Timestamp => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            QueryValueKind.Date => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
            QueryValueKind.List => new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(doc.Values) },
            _ => Text(doc.Values),
        };
        if (doc.Minimum is { } minimum)
        {
            schema.Minimum = minimum.ToString(CultureInfo.InvariantCulture);
        }

        if (doc.Maximum is { } maximum)
        {
            schema.Maximum = maximum.ToString(CultureInfo.InvariantCulture);
        }

        if (doc.Default is { } fallback)
        {
            schema.Default = doc.Kind == QueryValueKind.Integer ? JsonValue.Create(int.Parse(fallback, CultureInfo.InvariantCulture)) : JsonValue.Create(fallback);
        }

        return new OpenApiParameter
        {
            Name = doc.Name,
            In = ParameterLocation.Query,
            Description = doc.Kind == QueryValueKind.List ? doc.Description + " Several values: name[]=a&name[]=b, or name=a,b." : doc.Description,
            Schema = schema,
            Style = doc.Kind == QueryValueKind.List ? ParameterStyle.Form : null,
        };
    }

    private static OpenApiSchema Text(IReadOnlyList<string>? values) => new()
    {
        Type = JsonSchemaType.String,
        Enum = values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
    };
}
