using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>/v2/webhook_subscriptions as the public API has it: shapes, secret shown once, full replacement, scopes, refusals.</summary>
public sealed class WebhookSubscriptionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_subscription_is_created_listed_replaced_and_deleted_and_its_secret_is_shown_once(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);

        var created = await ApiAssert.Json(await server.Client.Post("v2/webhook_subscriptions", new JsonObject
        {
            ["callback_url"] = "https://erp.example.com/hooks/comptoir",
            ["types"] = new JsonArray("v1/client-invoices", "v1/transactions", "v1/client-invoices"),
            ["description"] = "ERP",
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal(server.Demo.Organization.Id, created.GetProperty("organization_id").GetString());
        Assert.Equal(["v1/client-invoices", "v1/transactions"], created.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("ERP", created.GetProperty("description").GetString());
        var me = await ApiAssert.Json(await server.Client.GetAsync("v2/membership"), HttpStatusCode.OK);
        Assert.Equal(me.GetProperty("membership").GetProperty("id").GetString(), created.GetProperty("membership_id").GetString());

        var fetched = await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{id}"), HttpStatusCode.OK);
        Assert.False(fetched.TryGetProperty("secret", out _));
        var list = await ApiAssert.Json(await server.Client.GetAsync("v2/webhook_subscriptions?per_page=10"), HttpStatusCode.OK);
        Assert.Equal(id, list.GetProperty("subscriptions")[0].GetProperty("id").GetString());
        Assert.Equal(1, list.GetProperty("meta").GetProperty("total_count").GetInt32());

        // PUT is a full replacement: without callback_url it is a 400, and the description not sent is gone.
        await ApiAssert.Error(await Put(server, id, new JsonObject { ["types"] = new JsonArray("v1/clients") }), HttpStatusCode.BadRequest, "required");
        var replaced = await ApiAssert.Json(await Put(server, id, new JsonObject { ["callback_url"] = "https://erp.example.com/v2", ["types"] = new JsonArray("v1/clients") }), HttpStatusCode.OK);
        Assert.Equal("https://erp.example.com/v2", replaced.GetProperty("callback_url").GetString());
        Assert.Equal(JsonValueKindNull, replaced.GetProperty("description").ValueKind);
        Assert.False(replaced.TryGetProperty("secret", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"v2/webhook_subscriptions/{id}")).StatusCode);
        await ApiAssert.Error(await server.Client.GetAsync($"v2/webhook_subscriptions/{id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("http://erp.example.com/hook", "insecure_url")]
    [InlineData("http://127.0.0.1:9/hook", "insecure_url")]
    [InlineData("https://10.0.0.7/hook", "forbidden_address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "forbidden_address")]
    [InlineData("https://[::1]/hook", "forbidden_address")]
    [InlineData("ftp://erp.example.com/hook", "insecure_url")]
    [InlineData("not a url", "invalid")]
    [InlineData("https://user:pass@erp.example.com/hook", "invalid")]
    public async Task Callbacks_outside_https_or_to_internal_addresses_are_refused(string url, string code)
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        var error = await ApiAssert.Error(await server.Client.Post("v2/webhook_subscriptions", new JsonObject { ["callback_url"] = url, ["types"] = new JsonArray("v1/clients") }), HttpStatusCode.UnprocessableEntity, code);

        Assert.Equal("/callback_url", error.GetProperty("source").GetProperty("pointer").GetString());
    }

    [Fact]
    public async Task A_loopback_http_callback_is_accepted_in_sandbox_mode()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { StagingToken = "staging" });
        server.Client.DefaultRequestHeaders.Add("X-Qonto-Staging-Token", "staging");

        await ApiAssert.Json(await server.Client.Post("v2/webhook_subscriptions", new JsonObject { ["callback_url"] = "http://localhost:9/hook", ["types"] = new JsonArray("v1/clients") }), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("""{"callback_url": "https://e.example.com/h", "types": []}""", "/types", "required")]
    [InlineData("""{"callback_url": "https://e.example.com/h", "types": ["v1/cards"]}""", "/types/0", "not_in_list")]
    [InlineData("""{"callback_url": "https://e.example.com/h", "types": ["v1/clients"], "secret": "short"}""", "/secret", "too_short")]
    [InlineData("""{"types": ["v1/clients"]}""", "/callback_url", "required")]
    public async Task Bad_bodies_are_refused_with_a_pointer(string body, string pointer, string code)
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        var error = await ApiAssert.Error(await server.Client.Post("v2/webhook_subscriptions", body), HttpStatusCode.UnprocessableEntity, code);

        Assert.Equal(pointer, error.GetProperty("source").GetProperty("pointer").GetString());
    }

    [Fact]
    public async Task Subscribing_to_a_type_needs_its_read_scope_besides_webhook()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var (_, webhookOnly) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.Webhook }, null, "w");
        var (_, withClients) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.Webhook, Scopes.ClientRead }, null, "wc");
        var (_, clientsOnly) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.ClientRead }, null, "c");
        var body = new JsonObject { ["callback_url"] = "https://erp.example.com/h", ["types"] = new JsonArray("v1/clients") };

        var error = await ApiAssert.Error(await server.NewClient("Bearer " + webhookOnly).Post("v2/webhook_subscriptions", body.DeepClone()), HttpStatusCode.Forbidden, "missing_scope");
        Assert.Contains("'client.read'", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ApiAssert.Error(await server.NewClient("Bearer " + clientsOnly).Post("v2/webhook_subscriptions", body.DeepClone()), HttpStatusCode.Forbidden, "missing_scope");
        await ApiAssert.Json(await server.NewClient("Bearer " + withClients).Post("v2/webhook_subscriptions", body.DeepClone()), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Another_organizations_subscription_is_not_found()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var theirs = server.NewClient(other.Authorization);
        var created = await ApiAssert.Json(await theirs.Post("v2/webhook_subscriptions", new JsonObject { ["callback_url"] = "https://a.example.com/h", ["types"] = new JsonArray("v1/clients") }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        await ApiAssert.Error(await server.Client.GetAsync($"v2/webhook_subscriptions/{id}"), HttpStatusCode.NotFound);
        await ApiAssert.Error(await server.Client.DeleteAsync($"v2/webhook_subscriptions/{id}"), HttpStatusCode.NotFound);
        await ApiAssert.Error(await server.Client.GetAsync($"v2/webhook_subscriptions/{id}/deliveries"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await ApiAssert.Json(await server.Client.GetAsync("v2/webhook_subscriptions"), HttpStatusCode.OK)).GetProperty("meta").GetProperty("total_count").GetInt32());
    }

    [Fact]
    public void The_signature_of_the_public_test_vector_holds_on_both_sides()
    {
        var body = """{"test":"data"}""";
        const string expected = "56aff06dc227db80d6568a5070f912c601c31f20451745d257cbc0b5dfa93805";

        Assert.Equal(expected, Webhooks.WebhookSigner.Signature("test-secret", "1704110400", System.Text.Encoding.UTF8.GetBytes(body)));
        var header = Webhooks.WebhookSigner.Sign("test-secret", DateTimeOffset.FromUnixTimeSeconds(1704110400), System.Text.Encoding.UTF8.GetBytes(body));
        Assert.Equal($"t=1704110400,v1={expected}", header);
        Assert.True(Comptoir.Client.WebhookSignature.Verify(header, body, "test-secret", DateTimeOffset.FromUnixTimeSeconds(1704110400 + 60)));
        Assert.False(Comptoir.Client.WebhookSignature.Verify(header, body, "test-secret", DateTimeOffset.FromUnixTimeSeconds(1704110400 + 301)));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static Task<HttpResponseMessage> Put(RunningServer server, string id, JsonObject body) =>
        server.Client.PutAsync($"v2/webhook_subscriptions/{id}", Body.Json(body));
}
