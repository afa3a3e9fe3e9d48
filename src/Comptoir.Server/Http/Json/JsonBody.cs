using System.Globalization;
using System.Text.Json;
using Comptoir.Core.Money;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Json;

/// <summary>
/// A JSON object of a request body (or of a document the CLI reads) with its JSON pointer. Reads are strict: a wrong
/// type, a malformed date or decimal, an over-long string, a control character is a <see cref="JsonBodyException"/>
/// (422) naming the field; strings are trimmed and blank ones read as absent; missing optional fields are null.
/// </summary>
public readonly struct JsonBody(JsonElement element, string pointer)
{
    /// <summary>Largest JSON body accepted (the server's request limit is larger, for uploads).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Default longest string, for fields without a limit of their own.</summary>
    public const int DefaultMaxLength = 1000;

    public JsonElement Element { get; } = element;

    public string Pointer { get; } = pointer;

    /// <summary>Reads and parses the request body strictly (see <see cref="StrictJsonDocument"/>).</summary>
    public static Task<JsonDocument> ReadDocumentAsync(HttpRequest request) => StrictJsonDocument.ReadAsync(request, MaxBytes);

    /// <summary>The root object of a parsed document.</summary>
    public static JsonBody Root(JsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new JsonBody(document.RootElement, string.Empty);
    }

    public bool Has(string name) => Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>True when the field is present, even as null (PATCH semantics).</summary>
    public bool Present(string name) => Element.TryGetProperty(name, out _);

    public string PointerOf(string name) => $"{Pointer}/{StrictJsonDocument.EscapePointer(name)}";

    /// <summary>A 422 about the field <paramref name="name"/> of this object.</summary>
    public JsonBodyException Invalid(string name, string code, string detail) => JsonBodyException.Invalid(PointerOf(name), code, detail);

    /// <summary>A 422 "required" about the field <paramref name="name"/>.</summary>
    public JsonBodyException Required(string name, string detail) => Invalid(name, "required", detail);

    public JsonBody? Object(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? new JsonBody(value, PointerOf(name)) : throw Type(name, "an object");
    }

    public string? String(string name, int maxLength = DefaultMaxLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Type(name, "a string");
        }

        var text = CheckText(value.GetString()!, PointerOf(name), name, maxLength);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public string RequiredString(string name, int maxLength = DefaultMaxLength) =>
        String(name, maxLength) ?? throw Required(name, $"{name} is required.");

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public string? Enum(string name, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var value = String(name, 100);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw Invalid(name, "not_in_list", $"{name} must be one of: {string.Join(", ", allowed)}.");
        }

        return value;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Type(name, "true or false"),
        };
    }

    public DateOnly? Date(string name)
    {
        var text = String(name, 40);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1900 and <= 2999
            ? date
            : throw Invalid(name, "invalid", $"{name} must be a date YYYY-MM-DD; '{Shorten(text)}' is not.");
    }

    /// <summary>A decimal as a string ("10.50") or a plain JSON number; exponents, NaN and infinity are refused.</summary>
    public decimal? Decimal(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Type(name, "a decimal string such as \"10.50\""),
        };
        return DecimalText.TryParse(text, out var number)
            ? number
            : throw Invalid(name, "invalid", $"{name} must be a decimal number written with digits and an optional '.', like \"10.50\"; '{Shorten(text)}' is not.");
    }

    /// <summary>Money as {"value": "12.50", "currency": "EUR"} or a bare decimal; the currency, when given, must be EUR.</summary>
    public decimal? Money(string name)
    {
        if (Element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            var money = new JsonBody(value, PointerOf(name));
            var currency = money.String("currency", 3);
            if (currency is not null && currency != "EUR")
            {
                throw money.Invalid("currency", "not_in_list", "currency must be EUR.");
            }

            return money.Decimal("value") ?? throw money.Required("value", "value is required.");
        }

        return Decimal(name);
    }

    /// <summary>An array of objects, at most <paramref name="maxCount"/>; absent or null reads as empty.</summary>
    public IEnumerable<JsonBody> Objects(string name, int maxCount)
    {
        var array = Array(name, maxCount, "an array");
        return array is { } items ? Enumerate(items, PointerOf(name)) : [];

        static IEnumerable<JsonBody> Enumerate(JsonElement items, string pointer)
        {
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                var itemPointer = $"{pointer}/{index++}";
                yield return item.ValueKind == JsonValueKind.Object
                    ? new JsonBody(item, itemPointer)
                    : throw JsonBodyException.Invalid(itemPointer, "invalid_type", "must be an object.");
            }
        }
    }

    /// <summary>An array of strings, at most <paramref name="maxCount"/> of at most <paramref name="maxLength"/> characters each (not trimmed).</summary>
    public IReadOnlyList<string> Strings(string name, int maxCount, int maxLength)
    {
        if (Array(name, maxCount, "an array of strings") is not { } items)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var item in items.EnumerateArray())
        {
            var itemPointer = $"{PointerOf(name)}/{result.Count}";
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length > maxLength)
            {
                throw JsonBodyException.Invalid(itemPointer, "invalid", $"must be a string of at most {maxLength} characters.");
            }

            result.Add(CheckText(item.GetString()!, itemPointer, name, maxLength));
        }

        return result;
    }

    private JsonElement? Array(string name, int maxCount, string expected)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Type(name, expected);
        }

        return value.GetArrayLength() <= maxCount ? value : throw Invalid(name, "too_long", $"{name} has more than {maxCount} entries.");
    }

    private bool TryGet(string name, out JsonElement value) =>
        Element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The length limit, then no control characters other than tab and line breaks (they break PDFs, CSVs and logs).</summary>
    private static string CheckText(string text, string pointer, string name, int maxLength)
    {
        if (text.Length > maxLength)
        {
            throw JsonBodyException.Invalid(pointer, "too_long", $"{name} is longer than {maxLength} characters.");
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw JsonBodyException.Invalid(pointer, "invalid", $"{name} contains control characters.");
        }

        return text;
    }

    private JsonBodyException Type(string name, string expected) => Invalid(name, "invalid_type", $"{name} must be {expected}.");

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 30 ? text : text[..30] + "…";
}
