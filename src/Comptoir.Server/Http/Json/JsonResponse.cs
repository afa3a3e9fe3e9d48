using Comptoir.Server.Http.Query;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Server.Http.Json;

/// <summary>An IResult that streams JSON written by hand with <see cref="Utf8JsonWriter"/>: exact field names, nulls kept.</summary>
public sealed class JsonResponse(int status, Action<Utf8JsonWriter>? write) : IResult
{
    private byte[]? _bytes;

    public int StatusCode => status;

    /// <summary>The body, written once: a reply stored for idempotent replay is byte for byte the one sent.</summary>
    public byte[] Bytes => _bytes ??= write is null ? [] : ToBytes(write);

    /// <summary>204, no body: an action whose answer is its success alone.</summary>
    public static JsonResponse NoContent() => new(204, null);

    public static JsonResponse Ok(Action<Utf8JsonWriter> write) => new(200, write);

    public static JsonResponse Created(Action<Utf8JsonWriter> write) => new(201, write);

    /// <summary>One page of a list: <c>{"&lt;name&gt;": [{...}, ...], "meta": {...}}</c>, each item's fields written by <paramref name="writeFields"/>.</summary>
    public static JsonResponse Page<T>(string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields, Paging paging, long totalCount) => Ok(json =>
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeFields(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        paging.WriteMeta(json, totalCount);
    });

    /// <summary>One resource in its envelope: <c>{"&lt;name&gt;": {...}}</c>, serialized by its source-generated contract.</summary>
    public static JsonResponse One<T>(string name, T value, JsonTypeInfo<T> type, int status = 200) => new(status, json =>
    {
        json.WritePropertyName(name);
        JsonSerializer.Serialize(json, value, type);
    });

    /// <summary>One page of a list: <c>{"&lt;name&gt;": [{...}, ...], "meta": {...}}</c>, each item serialized by its contract.</summary>
    public static JsonResponse Page<T>(string name, IEnumerable<T> items, JsonTypeInfo<T> type, Paging paging, long totalCount) => Ok(json =>
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            JsonSerializer.Serialize(json, item, type);
        }

        json.WriteEndArray();
        paging.WriteMeta(json, totalCount);
    });

    /// <summary>The object <paramref name="write"/> fills, as UTF-8 bytes.</summary>
    public static byte[] ToBytes(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream(4096);
        Write(buffer, write);
        return buffer.ToArray();
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        var body = Bytes;
        if (body.Length == 0)
        {
            return;
        }

        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    private static void Write(MemoryStream buffer, Action<Utf8JsonWriter> write)
    {
        using var json = new Utf8JsonWriter(buffer, JsonConventions.WriterOptions);
        json.WriteStartObject();
        write(json);
        json.WriteEndObject();
    }
}

/// <summary>Writers for the API's value conventions.</summary>
public static class JsonConventions
{
    /// <summary>UTF-8 text as is ("Démo", not "D\u00E9mo"); only what JSON itself requires is escaped.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>{"value": "1800.00", "currency": "EUR"}.</summary>
    public static void WriteMoney(this Utf8JsonWriter json, string name, long cents, string currency = "EUR")
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject(name);
        json.WriteString("value", Comptoir.Core.Money.DecimalText.Amount(Comptoir.Core.Money.Rounding.FromCents(cents)));
        json.WriteString("currency", currency);
        json.WriteEndObject();
    }

    /// <summary>A money object and its "_cents" twin.</summary>
    public static void WriteMoneyWithCents(this Utf8JsonWriter json, string name, long cents, string currency = "EUR")
    {
        json.WriteMoney(name, cents, currency);
        json.WriteNumber(name + "_cents", cents);
    }

    public static void WriteNullableString(this Utf8JsonWriter json, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
