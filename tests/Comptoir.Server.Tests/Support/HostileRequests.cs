using System.Text;
using System.Text.Json;

namespace Comptoir.Server.Tests.Support;

/// <summary>One hostile request: what it tries, and how to build it (a fresh message each time).</summary>
/// <param name="KestrelRefuses">Kestrel answers it before any middleware, without a body (a %00 in the path).</param>
public sealed record HostileRequest(string Operation, string Attack, HttpMethod Method, string Target, Func<HttpContent?> Body, bool KestrelRefuses = false)
{
    public bool Writes => Method != HttpMethod.Get && Method != HttpMethod.Head;

    public HttpRequestMessage Build()
    {
        var request = new HttpRequestMessage(Method, Target) { Content = Body() };
        if (Method == HttpMethod.Post)
        {
            request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        }

        return request;
    }

    public override string ToString() => $"{Operation} [{Attack}] {Target[..Math.Min(Target.Length, 120)]}";
}

/// <summary>The ids a request may put in a path: this organization's, and another organization's.</summary>
public sealed record KnownIds(IReadOnlyDictionary<string, string> Own, IReadOnlyDictionary<string, string> Other)
{
    /// <summary>The id of the resource a path names (by its first segment after /v2), or a fresh one.</summary>
    public static string For(IReadOnlyDictionary<string, string> ids, string path) =>
        ids.FirstOrDefault(p => path.StartsWith(p.Key, StringComparison.Ordinal)).Value ?? Guid.NewGuid().ToString();
}

/// <summary>
/// Builds hostile requests for every operation of the OpenAPI document: bad path ids, bad query parameters, and,
/// where the operation takes a body, malformed JSON, wrong types for each property, invalid Unicode, huge strings,
/// deep nesting, or a malformed multipart body.
/// </summary>
public static class HostileRequests
{
    private static readonly string[] WrongValues = ["[]", "{}", "123456789012345678901234567890", "true", "\"\\u0000\"", "-0.5e400"];

    public static IReadOnlyList<HostileRequest> For(JsonElement document, KnownIds ids)
    {
        var requests = new List<HostileRequest>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                requests.AddRange(ForOperation(document, path.Name, method, operation.Value, ids));
            }
        }

        return requests;
    }

    private static IEnumerable<HostileRequest> ForOperation(JsonElement document, string path, HttpMethod method, JsonElement operation, KnownIds ids)
    {
        var name = $"{method} {path}";
        var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
        var hasPathId = path.Contains('{', StringComparison.Ordinal);
        var writes = method != HttpMethod.Get;
        // A write with a valid id and a valid (empty) body could change something: those get ids that exist nowhere.
        var ownTarget = Fill(path, hasPathId && writes ? Guid.NewGuid().ToString() : KnownIds.For(ids.Own, path));
        HttpContent? NoBody() => null;

        if (hasPathId)
        {
            yield return new(name, "another organization's id", method, Fill(path, KnownIds.For(ids.Other, path)), NoBody);
            yield return new(name, "a 10 KB id", method, Fill(path, new string('7', 10 * 1024)), NoBody);
            yield return new(name, "a %00 id", method, Fill(path, "%00"), NoBody, KestrelRefuses: true);
            yield return new(name, "an id of control characters", method, Fill(path, "%01%02%7F"), NoBody);
            yield return new(name, "an id of invalid UTF-8", method, Fill(path, "%C3%28%FF"), NoBody);
            yield return new(name, "an id with a quote and SQL", method, Fill(path, "1'%20OR%20'1'='1"), NoBody);
        }

        foreach (var parameter in parameters.Where(p => p.GetProperty("in").GetString() == "query"))
        {
            var query = Uri.EscapeDataString(parameter.GetProperty("name").GetString()!);
            var join = ownTarget.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            yield return new(name, $"garbage {query}", method, $"{ownTarget}{join}{query}=%01garbage%25%C3%28", NoBody);
            yield return new(name, $"huge {query}", method, $"{ownTarget}{join}{query}={new string('9', 6 * 1024)}", NoBody);
            yield return new(name, $"repeated {query}", method, $"{ownTarget}{join}{query}=a&{query}=b&{query}=", NoBody);
            yield return new(name, $"negative {query}", method, $"{ownTarget}{join}{query}=-99999999999999999999", NoBody);
            yield return new(name, $"NUL in {query}", method, $"{ownTarget}{join}{query}=a%00b", NoBody);
        }

        if (!operation.TryGetProperty("requestBody", out var body))
        {
            yield break;
        }

        var content = body.GetProperty("content");
        var target = hasPathId ? Fill(path, KnownIds.For(ids.Own, path)) : path;
        if (content.TryGetProperty("multipart/form-data", out _))
        {
            foreach (var (attack, make) in MultipartBodies())
            {
                yield return new(name, attack, method, target, make);
            }
        }

        if (!content.TryGetProperty("application/json", out var json))
        {
            yield break;
        }

        yield return new(name, "malformed JSON", method, target, () => Json("{\"a\": "));
        yield return new(name, "a JSON array", method, target, () => Json("[1, 2]"));
        yield return new(name, "JSON with trailing garbage", method, target, () => Json("{} garbage"));
        yield return new(name, "an empty body", method, target, () => Json(string.Empty));
        yield return new(name, "deeply nested", method, target, () => Json(new string('[', 10_000) + new string(']', 10_000)));
        yield return new(name, "deeply nested objects", method, target, () => Json(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)));
        yield return new(name, "a body over 4 MB", method, target, () => Json($"{{\"x\": \"{new string('x', 5 * 1024 * 1024)}\"}}"));
        yield return new(name, "text/plain", method, target, () => new StringContent("{}", Encoding.UTF8, "text/plain"));

        var properties = Properties(document, json.GetProperty("schema"));
        foreach (var property in properties)
        {
            foreach (var wrong in WrongValues)
            {
                yield return new(name, $"{property} = {wrong}", method, target, () => Json($"{{\"{property}\": {wrong}}}"));
            }

            yield return new(name, $"{property} with invalid UTF-8", method, target, () => Raw([.. Encoding.UTF8.GetBytes($"{{\"{property}\": \"a"), 0xC3, 0x28, 0xFF, .. "\"}"u8]));
            yield return new(name, $"{property} with a lone surrogate", method, target, () => Json($"{{\"{property}\": \"\\ud800x\"}}"));
            yield return new(name, $"{property} nested deeply", method, target, () => Json($"{{\"{property}\": {new string('[', 2_000)}{new string(']', 2_000)}}}"));
        }

        // Every property at once as a 300 KB string (1 MB in total at most, under the body limit).
        var huge = new string('h', Math.Min(300 * 1024, (1024 * 1024) / Math.Max(1, properties.Count)));
        yield return new(name, "every property a huge string", method, target, () => Json("{" + string.Join(",", properties.Select(p => $"\"{p}\": \"{huge}\"")) + "}"));
    }

    private static IEnumerable<(string Attack, Func<HttpContent?> Make)> MultipartBodies()
    {
        const string boundary = "hostile";
        var part = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n";
        yield return ("multipart without a boundary", () => Multipart(part + $"--{boundary}--\r\n", "multipart/form-data"));
        yield return ("multipart cut short", () => Multipart(part[..^8], $"multipart/form-data; boundary={boundary}"));
        yield return ("multipart with 2,000 parts", () => Multipart(string.Concat(Enumerable.Repeat(part, 2000)) + $"--{boundary}--\r\n", $"multipart/form-data; boundary={boundary}"));
        yield return ("multipart with a 20 KB part header", () => Multipart(part.Replace("a.pdf", new string('n', 20 * 1024), StringComparison.Ordinal) + $"--{boundary}--\r\n", $"multipart/form-data; boundary={boundary}"));
        yield return ("multipart with a CR LF in the file name", () => Multipart(part.Replace("a.pdf", "a\r\nb.pdf", StringComparison.Ordinal) + $"--{boundary}--\r\n", $"multipart/form-data; boundary={boundary}"));
        yield return ("multipart without the file field", () => Multipart(part.Replace("name=\"file\"", "name=\"other\"", StringComparison.Ordinal) + $"--{boundary}--\r\n", $"multipart/form-data; boundary={boundary}"));
    }

    /// <summary>The top-level property names of a body schema, following $ref.</summary>
    private static List<string> Properties(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(document, (node, segment) => node.GetProperty(segment));
        }

        return schema.TryGetProperty("properties", out var properties) ? [.. properties.EnumerateObject().Select(p => p.Name)] : ["unknown"];
    }

    private static string Fill(string path, string id) => System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", id).TrimStart('/');

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static ByteArrayContent Raw(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return content;
    }

    private static ByteArrayContent Multipart(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
