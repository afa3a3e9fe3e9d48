using System.Net;
using System.Text.Json;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Tests.Support;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Comptoir.Server.Tests;

/// <summary>The OpenAPI document at /v2/openapi.json and the reference page at /docs, both served without credentials.</summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentTests.Server fixture) : IClassFixture<OpenApiDocumentTests.Server>
{
    [Fact]
    public async Task The_document_is_served_without_credentials_and_declares_OpenAPI_3_1()
    {
        using var anonymous = fixture.Running.NewClient(null);

        var document = await ApiAssert.Json(await anonymous.GetAsync("v2/openapi.json"), HttpStatusCode.OK);

        Assert.StartsWith("3.1.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_document_parses_without_errors()
    {
        var result = OpenApiDocument.Parse(fixture.Text, OpenApiConstants.Json, new OpenApiReaderSettings());

        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic?.SpecificationVersion);
        Assert.NotNull(result.Document?.Paths);
    }

    [Fact]
    public void Every_ref_resolves()
    {
        var references = new List<string>();
        Collect(fixture.Document, references);

        Assert.Contains("#/components/schemas/ErrorEnvelope", references);
        var unresolved = references.Distinct(StringComparer.Ordinal).Where(r => Resolve(fixture.Document, r) is null).ToList();
        Assert.True(unresolved.Count == 0, "unresolved: " + string.Join(", ", unresolved));
    }

    [Fact]
    public void Every_mapped_v2_route_is_in_the_document()
    {
        var routes = MappedRoute.Of(fixture.Running.App)
            .Where(r => r.Path.StartsWith("/v2/", StringComparison.Ordinal) && r.Path != ApiDocumentation.DocumentPath)
            .ToList();
        var paths = fixture.Document.GetProperty("paths");

        Assert.True(routes.Count > 30, $"only {routes.Count} routes were found");
        var missing = routes.Where(r => !paths.TryGetProperty(r.Path, out var item) || !item.TryGetProperty(r.Method.ToLowerInvariant(), out _)).ToList();
        Assert.True(missing.Count == 0, "not documented: " + string.Join(", ", missing));
    }

    [Fact]
    public void Each_operation_has_a_summary_and_states_the_routes_access()
    {
        foreach (var route in MappedRoute.Of(fixture.Running.App).Where(r => r.Path.StartsWith("/v2/", StringComparison.Ordinal) && r.Path != ApiDocumentation.DocumentPath))
        {
            var operation = Operation(route.Method, route.Path);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{route} has no summary");
            var security = operation.GetProperty("security").EnumerateArray().ToList();
            switch (route.Access)
            {
                case "public":
                    Assert.True(security.Count == 0, $"{route} is public but lists security");
                    Assert.False(operation.GetProperty("responses").TryGetProperty("401", out _), $"{route} is public but documents a 401");
                    break;
                case "credential":
                    Assert.Equal(["ApiKey", "Bearer"], security.Select(s => s.EnumerateObject().Single().Name));
                    Assert.Empty(security[1].GetProperty("Bearer").EnumerateArray());
                    break;
                default:
                    Assert.Equal(["ApiKey", "Bearer"], security.Select(s => s.EnumerateObject().Single().Name));
                    Assert.Equal([route.Access], security[1].GetProperty("Bearer").EnumerateArray().Select(s => s.GetString()));
                    Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _), $"{route} needs a scope but documents no 403");
                    break;
            }
        }

        var schemes = fixture.Document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("Authorization", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public void A_list_documents_its_paging_sort_values_and_filters()
    {
        var parameters = Operation("GET", "/v2/clients").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p, StringComparer.Ordinal);

        Assert.Equal(100, parameters["per_page"].GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.True(parameters.ContainsKey("page"));
        var sortValues = parameters["sort_by"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Contains("name:asc", sortValues);
        Assert.Contains("updated_at:desc", sortValues);
        Assert.DoesNotContain("email:asc", sortValues);
        Assert.All(new[] { "filter[email]", "filter[name]", "filter[updated_at_from]" }, name => Assert.Equal("query", parameters[name].GetProperty("in").GetString()));
        var statuses = Operation("GET", "/v2/client_invoices").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "filter[status]");
        Assert.Equal(["draft", "unpaid", "paid", "canceled"], statuses.GetProperty("schema").GetProperty("items").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Bodies_and_answers_are_described_with_snake_case_schemas_and_the_error_envelope()
    {
        var create = Operation("POST", "/v2/clients");
        var body = Resolve(fixture.Document, create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!);
        Assert.True(body!.Value.GetProperty("properties").TryGetProperty("tax_identification_number", out _));
        var created = create.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        Assert.Equal("#/components/schemas/ClientResponse", created);
        foreach (var status in new[] { "400", "401", "403", "422", "429" })
        {
            Assert.Equal("#/components/schemas/ErrorEnvelope", create.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        }

        var envelope = fixture.Document.GetProperty("components").GetProperty("schemas").GetProperty("ErrorEnvelope");
        Assert.Equal(["errors", "trace_id"], envelope.GetProperty("required").EnumerateArray().Select(v => v.GetString()));
        var source = envelope.GetProperty("properties").GetProperty("errors").GetProperty("items").GetProperty("properties").GetProperty("source").GetProperty("properties");
        Assert.True(source.TryGetProperty("pointer", out _) && source.TryGetProperty("parameter", out _));
    }

    [Fact]
    public async Task The_reference_page_is_served_without_credentials_with_its_script_from_the_server()
    {
        using var anonymous = fixture.Running.NewClient(null);

        var page = await anonymous.GetAsync("docs");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script src=\"scalar.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains(ApiDocumentation.DocumentPath.TrimStart('/'), html, StringComparison.Ordinal);
        var script = await anonymous.GetAsync("docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "the Scalar bundle is served by the server itself");
    }

    [Fact]
    public async Task In_sandbox_mode_the_document_needs_no_staging_token()
    {
        await using var sandbox = await RunningServer.StartAsync("sqlite", o => o with { StagingToken = "staging-secret" });
        using var anonymous = sandbox.NewClient(null);

        await ApiAssert.Json(await anonymous.GetAsync("v2/openapi.json"), HttpStatusCode.OK);
        await ApiAssert.Error(await sandbox.Client.GetAsync("v2/organization"), HttpStatusCode.Unauthorized);
    }

    private JsonElement Operation(string method, string path) =>
        fixture.Document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());

    private static void Collect(JsonElement element, List<string> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        references.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, references);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, references);
                }

                break;
        }
    }

    /// <summary>The element a local reference ("#/a/b") points at, or null.</summary>
    private static JsonElement? Resolve(JsonElement document, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var current = document;
        foreach (var segment in reference[2..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>One server for the class, and its document as text and JSON.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public RunningServer Running { get; private set; } = null!;

        public string Text { get; private set; } = string.Empty;

        public JsonElement Document { get; private set; }

        public async Task InitializeAsync()
        {
            Running = await RunningServer.StartAsync("sqlite");
            Text = await Running.Client.GetStringAsync("v2/openapi.json");
            Document = JsonDocument.Parse(Text).RootElement.Clone();
        }

        public async Task DisposeAsync() => await Running.DisposeAsync();
    }
}
