using Comptoir.Server.Http.Errors;
using Comptoir.Server.Storage;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Query;

/// <summary>Strict reads of query parameters; a malformed value is a 400 naming the parameter.</summary>
public static class QueryReader
{
    public static string? String(this HttpRequest request, string name, int maxLength = 250)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Query[name];
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
        {
            return null;
        }

        var value = values[0]!.Trim();
        return value.Length <= maxLength ? value : throw ApiException.BadRequest("invalid", $"{name} is longer than {maxLength} characters.", parameter: name);
    }

    /// <summary>A timestamp parameter, returned in the stored text form for comparison.</summary>
    public static string? Timestamp(this HttpRequest request, string name)
    {
        var text = request.String(name, 40);
        if (text is null)
        {
            return null;
        }

        return Timestamps.TryParseClient(text, out var at)
            ? Timestamps.ToText(at)
            : throw ApiException.BadRequest("invalid", $"{name} must be an ISO 8601 timestamp such as 2026-01-01T00:00:00Z; got '{text}'.", parameter: name);
    }

    /// <summary>A date parameter YYYY-MM-DD.</summary>
    public static string? Date(this HttpRequest request, string name)
    {
        var text = request.String(name, 10);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? Timestamps.Date(date)
            : throw ApiException.BadRequest("invalid", $"{name} must be a date YYYY-MM-DD; got '{text}'.", parameter: name);
    }

    /// <summary>sort_by "field:direction" among the allowed fields; returns (field, descending).</summary>
    public static (string Field, bool Descending) Sort(this HttpRequest request, string fallback, params string[] fields)
    {
        var text = request.String("sort_by", 50) ?? fallback;
        var parts = text.Split(':');
        var field = parts[0];
        var direction = parts.Length > 1 ? parts[1] : "asc";
        if (parts.Length > 2 || !fields.Contains(field, StringComparer.Ordinal) || direction is not ("asc" or "desc"))
        {
            throw ApiException.BadRequest("not_in_list", $"sort_by must be one of: {string.Join(", ", fields.SelectMany(f => new[] { f + ":asc", f + ":desc" }))}.", parameter: "sort_by");
        }

        return (field, direction == "desc");
    }

    /// <summary>
    /// The parameter to read for a filter: <c>filter[field]</c>, or the bare <c>field</c> an older client sends when the
    /// bracketed one is absent.
    /// </summary>
    public static string FilterName(this HttpRequest request, string field)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bracketed = $"filter[{field}]";
        var query = request.Query;
        return !query.ContainsKey(bracketed) && !query.ContainsKey(bracketed + "[]") && (query.ContainsKey(field) || query.ContainsKey(field + "[]"))
            ? field
            : bracketed;
    }

    /// <summary>Values of a list parameter given as name[]=a&amp;name[]=b, name=a,b or both.</summary>
    public static IReadOnlyList<string> List(this HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Query[name].Concat(request.Query[name + "[]"])
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
