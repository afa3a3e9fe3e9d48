using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>One server with a client and a draft invoice, for the routes that update them.</summary>
public sealed class ReaderTestServer : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public string ClientId { get; private set; } = string.Empty;

    public string DraftId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync("sqlite");
        ClientId = await Seeds.CreateClientAsync(Server.Client);
        DraftId = (await Seeds.CreateInvoiceAsync(Server.Client, Seeds.DraftBody(ClientId, Server.Demo.Account.Iban))).GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// The strict JSON reader through the real API, on every resource that reads a body: whatever the bytes, the answer
/// is the error envelope with a 400 or 422 and a pointer, never a 5xx.
/// </summary>
public sealed class StrictJsonReaderTests(ReaderTestServer fixture) : IClassFixture<ReaderTestServer>
{
    /// <summary>A route, a body with a wrong type and one with a control character in a field it reads, and their pointers.</summary>
    private sealed record Route(string Method, string Path, string WrongType, string WrongTypePointer, string Control, string ControlPointer);

    private static readonly Dictionary<string, Route> Routes = new()
    {
        ["POST clients"] = new("POST", "v2/clients", """{"kind": 42}""", "/kind", """{"kind": "company", "name": "Acme\u0001"}""", "/name"),
        ["PATCH a client"] = new("PATCH", "v2/clients/{client}", """{"name": ["Acme"]}""", "/name", """{"email": "a\u001b@example.com"}""", "/email"),
        ["POST client_invoices"] = new("POST", "v2/client_invoices", """{"client_invoice": {"status": 42}}""", "/client_invoice/status",
            """{"status": "draft", "client_id": "abc\u0000"}""", "/client_id"),
        ["PATCH a draft invoice"] = new("PATCH", "v2/client_invoices/{draft}", """{"header": {"text": "Merci"}}""", "/header", """{"footer": "Merci\u0007"}""", "/footer"),
        ["POST verify_payee"] = new("POST", "v2/sepa/verify_payee", """{"iban": 7630006000011234567890189}""", "/iban",
            """{"iban": "FR7630006000011234567890189", "beneficiary_name": "Acme\u0085"}""", "/beneficiary_name"),
        ["POST bulk_verify_payee"] = new("POST", "v2/sepa/bulk_verify_payee", """{"requests": [{"id": true}]}""", "/requests/0/id",
            """{"requests": [{"id": "1\u0002"}]}""", "/requests/0/id"),
        ["POST transfers"] = new("POST", "v2/sepa/transfers", """{"vop_proof_token": 42}""", "/vop_proof_token", """{"vop_proof_token": "tok\u007f"}""", "/vop_proof_token"),
    };

    /// <summary>Bodies every route refuses while parsing, before reading any field.</summary>
    private static readonly Dictionary<string, (byte[] Body, HttpStatusCode Status, string Code, string Pointer)> Malformed = new()
    {
        ["a lone high surrogate escape"] = (Utf8("""{"name": "\ud800x"}"""), HttpStatusCode.UnprocessableEntity, "invalid", "/name"),
        ["a lone low surrogate escape deep in an unknown field"] = (Utf8("""{"note": {"lines": ["ok", "\udc00"]}}"""), HttpStatusCode.UnprocessableEntity, "invalid", "/note/lines/1"),
        ["reversed surrogate escapes"] = (Utf8("""{"name": "\ude00\ud83d"}"""), HttpStatusCode.UnprocessableEntity, "invalid", "/name"),
        ["a lone surrogate escape in a property name"] = (Utf8("""{"na\ud800me": "x"}"""), HttpStatusCode.UnprocessableEntity, "invalid", ""),
        ["a lone surrogate escape under a name to escape in the pointer"] = (Utf8("""{"a/b~c": "\ud800"}"""), HttpStatusCode.UnprocessableEntity, "invalid", "/a~1b~0c"),
        ["invalid UTF-8 in a string"] = (Bytes("""{"name": """, [(byte)'"', 0xC3, 0x28, (byte)'"'], "}"), HttpStatusCode.BadRequest, "invalid_json", "/name"),
        ["a surrogate encoded in UTF-8"] = (Bytes("""{"items": [""", [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'], "]}"), HttpStatusCode.BadRequest, "invalid_json", "/items/0"),
        ["an overlong UTF-8 sequence"] = (Bytes("""{"name": """, [(byte)'"', 0xC0, 0xAF, (byte)'"'], "}"), HttpStatusCode.BadRequest, "invalid_json", "/name"),
        ["invalid UTF-8 in a property name"] = (Bytes("{", [(byte)'"', 0xFF, (byte)'"'], """: "x"}"""), HttpStatusCode.BadRequest, "invalid_json", ""),
        ["a raw control character in a string"] = (Bytes("""{"name": "a""", [0x01], """b"}"""), HttpStatusCode.BadRequest, "invalid_json", ""),
        ["33 levels of nesting"] = (Utf8(string.Concat(Enumerable.Repeat("""{"a": """, 32)) + "{}" + new string('}', 32)), HttpStatusCode.BadRequest, "invalid_json", ""),
        ["truncated JSON"] = (Utf8("""{"name": """), HttpStatusCode.BadRequest, "invalid_json", ""),
        ["a trailing comma"] = (Utf8("""{"name": "x",}"""), HttpStatusCode.BadRequest, "invalid_json", ""),
        ["an array"] = (Utf8("""[{"name": "x"}]"""), HttpStatusCode.BadRequest, "invalid_json", ""),
        ["a string"] = (Utf8("\"x\""), HttpStatusCode.BadRequest, "invalid_json", ""),
        ["an empty body"] = ([], HttpStatusCode.BadRequest, "invalid_json", ""),
    };

    public static TheoryData<string, string> RoutesAndBodies
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var route in Routes.Keys)
            {
                foreach (var body in Malformed.Keys)
                {
                    data.Add(route, body);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> RouteNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var route in Routes.Keys)
            {
                data.Add(route);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RoutesAndBodies))]
    public async Task Bodies_that_are_not_text_or_not_json_get_the_envelope(string route, string body)
    {
        var (bytes, status, code, pointer) = Malformed[body];

        var error = await ApiAssert.Error(await SendAsync(Routes[route], bytes), status, code, pointer);

        Assert.DoesNotContain("Exception", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task A_wrong_type_is_a_422_at_its_pointer(string route)
    {
        var target = Routes[route];

        await ApiAssert.Error(await SendAsync(target, Utf8(target.WrongType)), HttpStatusCode.UnprocessableEntity, "invalid_type", target.WrongTypePointer);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task A_control_character_is_a_422_at_its_pointer(string route)
    {
        var target = Routes[route];

        await ApiAssert.Error(await SendAsync(target, Utf8(target.Control)), HttpStatusCode.UnprocessableEntity, "invalid", target.ControlPointer);
    }

    [Fact]
    public async Task An_escaped_surrogate_pair_is_text_and_32_levels_are_read()
    {
        var client = JsonNode.Parse(Seeds.AcmeClient)!.AsObject();
        client.Remove("name");
        var nested = string.Concat(Enumerable.Repeat("""{"a": """, 30)) + "{}" + new string('}', 30);
        // An escaped backslash followed by "ud800" is plain text, not an escape.
        var body = client.ToJsonString()[..^1] + $$""", "name": "\ud83d\ude00 Corp\tSAS \\ud800", "extra": {{nested}}}""";

        var created = await ApiAssert.Json(await SendAsync(Routes["POST clients"], Utf8(body)), HttpStatusCode.Created);

        Assert.Equal("😀 Corp\tSAS \\ud800", created.GetProperty("client").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Strings_are_trimmed_and_blank_ones_read_as_absent()
    {
        var body = Seeds.DraftBody(fixture.ClientId, fixture.Server.Demo.Account.Iban);
        body["header"] = "  Merci !  ";
        body["footer"] = "   ";

        var invoice = await Seeds.CreateInvoiceAsync(fixture.Server.Client, body);

        Assert.Equal("Merci !", invoice.GetProperty("header").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, invoice.GetProperty("footer").ValueKind);
    }

    private async Task<HttpResponseMessage> SendAsync(Route route, byte[] body)
    {
        var path = route.Path.Replace("{client}", fixture.ClientId, StringComparison.Ordinal).Replace("{draft}", fixture.DraftId, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (route.Path == "v2/sepa/transfers")
        {
            request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        }

        return await fixture.Server.Client.SendAsync(request);
    }

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Utf8(before), .. raw, .. Utf8(after)];
}
