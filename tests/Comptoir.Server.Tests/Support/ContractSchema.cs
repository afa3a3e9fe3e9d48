using System.Text.Json;

namespace Comptoir.Server.Tests.Support;

/// <summary>
/// Checks a reply against a contract file of tests/Comptoir.Server.Tests/Contracts (see its README): every listed key
/// present with one of its JSON types, nested objects and array items too. Returns the problems found.
/// </summary>
public static class ContractSchema
{
    public static void AssertMatches(string contract, JsonElement value)
    {
        var problems = Check(Load(contract), value, "$");
        Assert.True(problems.Count == 0, $"{contract}: " + string.Join("; ", problems));
    }

    public static IReadOnlyList<string> Check(JsonElement schema, JsonElement value, string path)
    {
        var problems = new List<string>();
        CheckNode(schema, value, path, problems);
        return problems;
    }

    public static JsonElement Load(string contract) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", contract + ".json"))).RootElement.Clone();

    private static void CheckNode(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        // A bare string is a type list; an object without "type" is an object's properties.
        var types = schema.ValueKind == JsonValueKind.String ? schema.GetString()!
            : schema.TryGetProperty("type", out var declared) ? declared.GetString()! : "object";
        if (!types.Split('|').Any(type => Is(type, value)))
        {
            problems.Add($"{path} is {Describe(value)}, expected {types}");
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (value.TryGetProperty(property.Name, out var member))
                {
                    CheckNode(property.Value, member, $"{path}.{property.Name}", problems);
                }
                else
                {
                    problems.Add($"{path}.{property.Name} is missing");
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                CheckNode(items, item, $"{path}[{index++}]", problems);
            }
        }
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new ArgumentException($"unknown type '{type}' in a contract"),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "missing",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
