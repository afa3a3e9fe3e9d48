using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.OpenApi;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Query;

/// <summary>
/// A <c>filter[...]</c> a list does not know is a 400 naming the filters it does know: ignored, it would quietly return
/// everything (a sync that believes it reads one status would read them all). The known filters are the ones the
/// route documents (<see cref="QueryParameterDoc"/>), so the answer and the OpenAPI document cannot disagree.
/// </summary>
public sealed class UnknownFilterMiddleware(RequestDelegate next)
{
    private const int ShownLength = 80;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var documented = context.GetEndpoint()?.Metadata.GetOrderedMetadata<QueryParameterDoc>();
        if (documented is { Count: > 0 })
        {
            foreach (var key in context.Request.Query.Keys)
            {
                if (!key.StartsWith("filter[", StringComparison.Ordinal))
                {
                    continue;
                }

                var name = key.EndsWith("[]", StringComparison.Ordinal) ? key[..^2] : key;
                if (!documented.Any(d => d.Name == name))
                {
                    var known = documented.Where(d => d.Name.StartsWith("filter[", StringComparison.Ordinal)).Select(d => d.Name).ToList();
                    var shown = key.Length > ShownLength ? key[..ShownLength] + "..." : key;
                    throw ApiException.BadRequest("unknown_filter", known.Count == 0
                        ? $"{shown} is not a filter of this list, which takes no filter[...] parameters."
                        : $"{shown} is not a filter of this list; its filters are: {string.Join(", ", known)}.", parameter: shown);
                }
            }
        }

        return next(context);
    }
}
