using System.Globalization;
using System.Text.Json;
using Comptoir.Core.Money;

namespace Comptoir.Server.ClientInvoices;

/// <summary>Typed, strict reads of JSON fields with JSON-pointer error messages.</summary>
internal static class JsonFields
{
    public static JsonElement? Object(JsonElement parent, string name, string pointer)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw new InvoiceJsonException($"{pointer}/{name}", "must be an object.");
    }

    public static string? String(JsonElement? parent, string name, string pointer, int maxLength = 1000)
    {
        if (parent is not { } element || !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvoiceJsonException($"{pointer}/{name}", "must be a string.");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw new InvoiceJsonException($"{pointer}/{name}", $"is longer than {maxLength} characters.");
        }

        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public static string RequiredString(JsonElement parent, string name, string pointer, int maxLength = 1000) =>
        String(parent, name, pointer, maxLength) ?? throw new InvoiceJsonException($"{pointer}/{name}", "is required.");

    public static DateOnly? Date(JsonElement? parent, string name, string pointer)
    {
        var text = String(parent, name, pointer, 10);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvoiceJsonException($"{pointer}/{name}", $"'{text}' is not a date (YYYY-MM-DD).");
    }

    /// <summary>A decimal given as a string ("0.20") or a plain JSON number; exponents and NaN are refused.</summary>
    public static decimal? Decimal(JsonElement? parent, string name, string pointer)
    {
        if (parent is not { } element || !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new InvoiceJsonException($"{pointer}/{name}", "must be a decimal string such as \"10.50\"."),
        };
        return DecimalText.TryParse(text, out var number)
            ? number
            : throw new InvoiceJsonException($"{pointer}/{name}", $"'{text}' is not a decimal number (digits, optional '-' and '.').");
    }

    /// <summary>A money field: either {"value": "12.50", "currency": "EUR"} or a bare decimal.</summary>
    public static decimal? Money(JsonElement? parent, string name, string pointer)
    {
        if (parent is { } element && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return Decimal(value, "value", $"{pointer}/{name}");
        }

        return Decimal(parent, name, pointer);
    }
}
