using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.OpenApi;

/// <summary>Endpoint metadata: the error statuses a route can answer besides those its access implies (401, 403, 429).</summary>
public sealed record ErrorResponsesDoc(IReadOnlyList<int> Statuses);

/// <summary>Documents request bodies and answers. Types named <c>...Doc</c> exist only to describe JSON for the document.</summary>
public static class ResponseDocs
{
    public const string Json = "application/json";

    /// <summary>A JSON body of the shape of <typeparamref name="TRequest"/>.</summary>
    public static RouteHandlerBuilder AcceptsJson<TRequest>(this RouteHandlerBuilder builder, bool optional = false)
        where TRequest : notnull =>
        builder.Accepts<TRequest>(optional, Json);

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
