using Comptoir.Server.Http.Query;
using Microsoft.AspNetCore.Builder;

namespace Comptoir.Server.Http.OpenApi;

/// <summary>Documents the query parameters a handler reads by hand (see <see cref="QueryReader"/> and <see cref="Paging"/>).</summary>
public static class QueryDocs
{
    /// <summary><c>page</c> and <c>per_page</c>, as <see cref="Paging.Read"/> reads them.</summary>
    public static TBuilder WithPaging<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder
        .WithQuery(new QueryParameterDoc("page", "The page to return, from 1.", QueryValueKind.Integer, Default: "1", Minimum: 1, Maximum: 1_000_000))
        .WithQuery(new QueryParameterDoc("current_page", "Read as page when page is absent, as some clients send it.", QueryValueKind.Integer, Minimum: 1, Maximum: 1_000_000))
        .WithQuery(new QueryParameterDoc("per_page", $"Items per page; above {Paging.MaxPerPage} is an error, not a silent clamp.", QueryValueKind.Integer, Default: Paging.MaxPerPage.ToString(System.Globalization.CultureInfo.InvariantCulture), Minimum: 1, Maximum: Paging.MaxPerPage));

    /// <summary><c>sort_by</c>: each field with <c>:asc</c> or <c>:desc</c>, as <see cref="QueryReader.Sort"/> accepts them.</summary>
    public static TBuilder WithSortBy<TBuilder>(this TBuilder builder, string fallback, params string[] fields)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithQuery(new QueryParameterDoc("sort_by", "Sort field and direction; a field alone sorts ascending.", QueryValueKind.Text,
            [.. fields.SelectMany(f => new[] { f, f + ":asc", f + ":desc" })], fallback));

    /// <summary>A text filter.</summary>
    public static TBuilder WithFilter<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithQuery(new QueryParameterDoc(name, description));

    /// <summary>A filter that takes several values among <paramref name="values"/> (<c>name[]=a&amp;name[]=b</c> or <c>name=a,b</c>).</summary>
    public static TBuilder WithListFilter<TBuilder>(this TBuilder builder, string name, string description, IReadOnlyList<string>? values = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithQuery(new QueryParameterDoc(name, description, QueryValueKind.List, values));

    /// <summary>A <c>true</c>/<c>false</c> filter.</summary>
    public static TBuilder WithBooleanFilter<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithQuery(new QueryParameterDoc(name, description, QueryValueKind.Boolean));

    /// <summary>ISO 8601 timestamp bounds; a name ending in <c>_from</c> is inclusive from, <c>_to</c> inclusive up to.</summary>
    public static TBuilder WithTimestampFilters<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder => builder.WithBounds(QueryValueKind.Timestamp, names);

    /// <summary>Date bounds (YYYY-MM-DD), named as in <see cref="WithTimestampFilters"/>; a name without a suffix is an exact date.</summary>
    public static TBuilder WithDateFilters<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder => builder.WithBounds(QueryValueKind.Date, names);

    /// <summary>The bare names older clients send for these <c>filter[...]</c> parameters, each read as its bracketed twin.</summary>
    public static TBuilder WithBareFilterNames<TBuilder>(this TBuilder builder, params string[] fields)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var field in fields)
        {
            builder.WithQuery(new QueryParameterDoc(field, $"Read as filter[{field}] when that is absent, as older clients send it."));
        }

        return builder;
    }

    /// <summary>Any other documented query parameter.</summary>
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, QueryParameterDoc parameter)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(parameter);
    }

    private static TBuilder WithBounds<TBuilder>(this TBuilder builder, QueryValueKind kind, string[] names)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var name in names)
        {
            var field = name.Replace("filter[", string.Empty, StringComparison.Ordinal).TrimEnd(']');
            var description = field.EndsWith("_from", StringComparison.Ordinal) ? $"Only items whose {field[..^5]} is at or after this value."
                : field.EndsWith("_to", StringComparison.Ordinal) ? $"Only items whose {field[..^3]} is at or before this value."
                : $"Only items whose {field} is this value.";
            builder.WithQuery(new QueryParameterDoc(name, description, kind));
        }

        return builder;
    }
}
