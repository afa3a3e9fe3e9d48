using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.OpenApi;

/// <summary>Endpoint metadata: the error statuses a route can answer besides those its access implies (401, 403, 429).</summary>
public sealed record ErrorResponsesDoc(IReadOnlyList<int> Statuses);

/// <summary>
/// Endpoint metadata: the request body's shape, for the document only. Not the framework's <c>Accepts</c>: its
/// metadata also makes routing refuse other content types with a 415, before the handler's own checks.
/// </summary>
public sealed record RequestBodyDoc(Type Type, string ContentType, bool Optional);

/// <summary>Documents request bodies and answers. Types named <c>...Doc</c> exist only to describe JSON for the document.</summary>
public static class ResponseDocs
{
    public const string Json = "application/json";

    public const string Multipart = "multipart/form-data";

    /// <summary>A JSON body of the shape of <typeparamref name="TRequest"/>.</summary>
    public static RouteHandlerBuilder AcceptsJson<TRequest>(this RouteHandlerBuilder builder, bool optional = false) =>
        builder.WithMetadata(new RequestBodyDoc(typeof(TRequest), Json, optional));

    /// <summary>A multipart/form-data body whose fields are those of <typeparamref name="TForm"/>.</summary>
    public static RouteHandlerBuilder AcceptsForm<TForm>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequestBodyDoc(typeof(TForm), Multipart, Optional: false));

    /// <summary>A JSON answer of the shape of <typeparamref name="TResponse"/>.</summary>
    public static RouteHandlerBuilder Returns<TResponse>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK) =>
        builder.Produces<TResponse>(status, Json);

    /// <summary>An answer without a body (204, or a redirect).</summary>
    public static RouteHandlerBuilder ReturnsNothing(this RouteHandlerBuilder builder, int status = StatusCodes.Status204NoContent) =>
        builder.Produces(status);

    /// <summary>The error statuses this route can answer, each with the error envelope; 401, 403 and 429 follow from its access.</summary>
    public static TBuilder WithErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ErrorResponsesDoc(statuses));
    }
}
