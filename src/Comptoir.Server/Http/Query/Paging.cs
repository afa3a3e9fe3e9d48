using System.Globalization;
using System.Text.Json;
using Comptoir.Server.Http.Errors;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Query;

/// <summary>page (default 1) and per_page (1..100, default 100); above 100 is an error, never a silent clamp.</summary>
public readonly record struct Paging(int Page, int PerPage)
{
    public const int MaxPerPage = 100;

    public int Offset => (Page - 1) * PerPage;

    public static Paging Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // current_page, the name of the answer's meta field, is what some clients page with.
        var page = ReadInt(request, request.Query.ContainsKey("page") || !request.Query.ContainsKey("current_page") ? "page" : "current_page", 1, 1, 1_000_000);
        var perPage = ReadInt(request, "per_page", MaxPerPage, 1, MaxPerPage);
        return new Paging(page, perPage);
    }

    /// <summary>"meta": {current_page, next_page, prev_page, total_pages, total_count, per_page}.</summary>
    public void WriteMeta(Utf8JsonWriter json, long totalCount)
    {
        ArgumentNullException.ThrowIfNull(json);
        var totalPages = (int)Math.Max(1, (totalCount + PerPage - 1) / PerPage);
        json.WriteStartObject("meta");
        json.WriteNumber("current_page", Page);
        if (Page < totalPages)
        {
            json.WriteNumber("next_page", Page + 1);
        }
        else
        {
            json.WriteNull("next_page");
        }

        if (Page > 1)
        {
            json.WriteNumber("prev_page", Page - 1);
        }
        else
        {
            json.WriteNull("prev_page");
        }

        json.WriteNumber("total_pages", totalPages);
        json.WriteNumber("total_count", totalCount);
        json.WriteNumber("per_page", PerPage);
        json.WriteEndObject();
    }

    private static int ReadInt(HttpRequest request, string name, int fallback, int min, int max)
    {
        var values = request.Query[name];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return fallback;
        }

        if (!int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw ApiException.BadRequest("invalid", $"{name} must be a whole number from {min} to {max}; got '{values[0]}'.", parameter: name);
        }

        return value;
    }
}
