using System.Globalization;
using System.Text.Json;
using Comptoir.Core.Money;
using Comptoir.Server.Http.Errors;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Json;

/// <summary>
/// A JSON object of a request body with its JSON pointer. Reads are strict: a wrong type, a malformed date or
/// decimal, an over-long string is a 422 naming the field; missing optional fields are null.
/// </summary>
public readonly struct JsonBody(JsonElement element, string pointer)
{
    /// <summary>Largest JSON body accepted (10,000-line invoices fit; the server's request limit is larger for uploads).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public JsonElement Element { get; } = element;

    public string Pointer { get; } = pointer;

    /// <summary>Reads and parses the request body; malformed JSON is a 400, a non-object body a 400.</summary>
    public static async Task<JsonDocument> ReadDocumentAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            throw new ApiException(413, new ApiError("payload_too_large", $"The JSON body is larger than {MaxBytes / (1024 * 1024)} MB."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new ApiException(413, new ApiError("payload_too_large", $"The JSON body is larger than {MaxBytes / (1024 * 1024)} MB."));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw ApiException.BadRequest("invalid_json", "The request body is empty; a JSON object is expected.");
        }

        try
        {
            var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw ApiException.BadRequest("invalid_json", "The request body must be a JSON object.");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("invalid_json", $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}).");
        }
    }

    public bool Has(string name) => Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>True when the field is present, even as null (PATCH semantics).</summary>
    public bool Present(string name) => Element.TryGetProperty(name, out _);

    public string PointerOf(string name) => $"{Pointer}/{name}";

    public JsonBody? Object(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? new JsonBody(value, PointerOf(name)) : throw Type(name, "an object");
    }

    public string? String(string name, int maxLength = 1000)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Type(name, "a string");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw ApiException.Invalid(PointerOf(name), "too_long", $"{name} is longer than {maxLength} characters.");
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw ApiException.Invalid(PointerOf(name), "invalid", $"{name} contains control characters.");
        }

        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public string RequiredString(string name, int maxLength = 1000) =>
        String(name, maxLength) ?? throw ApiException.Invalid(PointerOf(name), "required", $"{name} is required.");

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public string? Enum(string name, params string[] allowed)
    {
        var value = String(name, 100);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw ApiException.Invalid(PointerOf(name), "not_in_list", $"{name} must be one of: {string.Join(", ", allowed)}.");
        }

        return value;
    }

    public bool? Boolean(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
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
            : throw ApiException.Invalid(PointerOf(name), "invalid", $"{name} must be a date YYYY-MM-DD; '{text}' is not.");
    }

    /// <summary>A decimal as a string ("10.50") or a plain JSON number; exponents, NaN and infinity are refused.</summary>
    public decimal? Decimal(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
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
            : throw ApiException.Invalid(PointerOf(name), "invalid", $"{name} must be a decimal number written with digits and an optional '.', like \"10.50\"; '{Shorten(text)}' is not.");
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
                throw ApiException.Invalid(money.PointerOf("currency"), "not_in_list", "currency must be EUR.");
            }

            return money.Decimal("value") ?? throw ApiException.Invalid(money.PointerOf("value"), "required", "value is required.");
        }

        return Decimal(name);
    }

    public IEnumerable<JsonBody> Objects(string name, int maxCount)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Type(name, "an array");
        }

        if (value.GetArrayLength() > maxCount)
        {
            throw ApiException.Invalid(PointerOf(name), "too_long", $"{name} has more than {maxCount} entries.");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var pointer = $"{PointerOf(name)}/{index++}";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.Invalid(pointer, "invalid_type", "must be an object.");
            }

            yield return new JsonBody(item, pointer);
        }
    }

    public IReadOnlyList<string> Strings(string name, int maxCount, int maxLength)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Type(name, "an array of strings");
        }

        if (value.GetArrayLength() > maxCount)
        {
            throw ApiException.Invalid(PointerOf(name), "too_long", $"{name} has more than {maxCount} entries.");
        }

        var result = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length > maxLength)
            {
                throw ApiException.Invalid($"{PointerOf(name)}/{index}", "invalid", $"must be a string of at most {maxLength} characters.");
            }

            result.Add(item.GetString()!);
            index++;
        }

        return result;
    }

    private ApiException Type(string name, string expected) => ApiException.Invalid(PointerOf(name), "invalid_type", $"{name} must be {expected}.");

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 30 ? text : text[..30] + "…";
}
