using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

public class ClientsApiTests
{
    private const string AcmeSeed = """
        {"name": "Acme Corp", "kind": "company", "email": "contact@acmecorp.com", "currency": "EUR", "locale": "en",
         "tax_identification_number": "123456789",
         "billing_address": {"street_address": "1 Market Street", "city": "Paris", "zip_code": "75001", "country_code": "FR"}}
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_seed_find_or_create_flow_works(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);

        var search = await ApiAssert.Json(await server.Client.GetAsync("v2/clients?filter%5Bemail%5D=contact%40acmecorp.com"), HttpStatusCode.OK);
        Assert.Equal(0, search.GetProperty("clients").GetArrayLength());

        var created = await ApiAssert.Json(await server.Client.Post("v2/clients", AcmeSeed), HttpStatusCode.Created);
        var id = created.GetProperty("client").GetProperty("id").GetString();
        Assert.Equal("FR", created.GetProperty("client").GetProperty("billing_address").GetProperty("country_code").GetString());

        var found = await ApiAssert.Json(await server.Client.GetAsync("v2/clients?filter[email]=CONTACT@acmecorp.com"), HttpStatusCode.OK);
        Assert.Equal(id, found.GetProperty("clients")[0].GetProperty("id").GetString());
        Assert.Equal(id, (await ApiAssert.Json(await server.Client.GetAsync($"v2/clients/{id}"), HttpStatusCode.OK)).GetProperty("client").GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Filters_and_sorts(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        foreach (var (name, vat) in new[] { ("Société Générale", "FR47552120222"), ("Zèbre & Fils", "FR11222333444"), ("Acme 100% Bio", null as string) })
        {
            var body = Body.Seed(AcmeSeed);
            body["name"] = name;
            body["email"] = null;
            body["vat_number"] = vat;
            await ApiAssert.Json(await server.Client.Post("v2/clients", body), HttpStatusCode.Created);
            server.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        async Task<string[]> Names(string query)
        {
            var list = await ApiAssert.Json(await server.Client.GetAsync("v2/clients" + query), HttpStatusCode.OK);
            return list.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        }

        Assert.Equal(["Acme 100% Bio", "Société Générale", "Zèbre & Fils"], await Names(""));
        Assert.Equal(["Zèbre & Fils", "Société Générale", "Acme 100% Bio"], await Names("?sort_by=name:desc"));
        Assert.Equal(["Acme 100% Bio", "Zèbre & Fils", "Société Générale"], await Names("?sort_by=created_at:desc&per_page=3"));
        Assert.Equal(["Société Générale"], await Names("?filter[name]=GENERALE"));
        Assert.Equal(["Zèbre & Fils"], await Names("?filter[name]=zebre"));
        Assert.Equal(["Acme 100% Bio"], await Names("?filter[name]=100%25"));
        Assert.Empty(await Names("?filter[name]=_%25"));
        Assert.Equal(["Société Générale"], await Names("?filter[vat_number]=fr47552120222"));
        Assert.Equal(["Zèbre & Fils", "Acme 100% Bio"], await Names("?filter[updated_at_from]=2026-03-19T20:31:00Z&sort_by=updated_at:asc"));
        Assert.Equal(["Société Générale"], await Names("?filter[updated_at_to]=2026-03-19T20:30:30%2B00:00"));

        var page = await ApiAssert.Json(await server.Client.GetAsync("v2/clients?per_page=2&page=2"), HttpStatusCode.OK);
        Assert.Equal(1, page.GetProperty("clients").GetArrayLength());
        Assert.Equal(3, page.GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.Equal(1, page.GetProperty("meta").GetProperty("prev_page").GetInt32());

        await ApiAssert.Error(await server.Client.GetAsync("v2/clients?filter[name]=a"), HttpStatusCode.BadRequest, parameter: "filter[name]");
        await ApiAssert.Error(await server.Client.GetAsync("v2/clients?sort_by=email:asc"), HttpStatusCode.BadRequest, "not_in_list", parameter: "sort_by");
        await ApiAssert.Error(await server.Client.GetAsync("v2/clients?filter[updated_at_from]=yesterday"), HttpStatusCode.BadRequest, parameter: "filter[updated_at_from]");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Update_and_delete(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var id = (await ApiAssert.Json(await server.Client.Post("v2/clients", AcmeSeed), HttpStatusCode.Created)).GetProperty("client").GetProperty("id").GetString();
        server.Clock.Advance(TimeSpan.FromSeconds(5));

        var updated = await ApiAssert.Json(await server.Client.Patch($"v2/clients/{id}", new JsonObject { ["email"] = "billing@acme.test", ["locale"] = "fr" }), HttpStatusCode.OK);
        var client = updated.GetProperty("client");
        Assert.Equal("billing@acme.test", client.GetProperty("email").GetString());
        Assert.Equal("Acme Corp", client.GetProperty("name").GetString());
        Assert.NotEqual(client.GetProperty("created_at").GetString(), client.GetProperty("updated_at").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"v2/clients/{id}")).StatusCode);
        await ApiAssert.Error(await server.Client.GetAsync($"v2/clients/{id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"kind": "company", "currency": "EUR", "locale": "fr"}""", "/name", "required")]
    [InlineData("""{"name": "X", "currency": "EUR", "locale": "fr"}""", "/kind", "required")]
    [InlineData("""{"name": "X", "kind": "alien", "currency": "EUR", "locale": "fr"}""", "/kind", "not_in_list")]
    [InlineData("""{"kind": "individual", "first_name": "Jeanne", "currency": "EUR", "locale": "fr"}""", "/last_name", "required")]
    [InlineData("""{"name": "X", "kind": "company", "locale": "fr"}""", "/currency", "required")]
    [InlineData("""{"name": "X", "kind": "company", "currency": "EUR"}""", "/locale", "required")]
    [InlineData("""{"name": 42, "kind": "company", "currency": "EUR", "locale": "fr"}""", "/name", "invalid_type")]
    [InlineData("""{"name": "X", "kind": "company", "currency": "EUR", "locale": "fr", "email": "not-an-email"}""", "/email", "invalid")]
    [InlineData("""{"name": "X", "kind": "company", "currency": "EUR", "locale": "fr", "billing_address": {"city": "Paris"}}""", "/billing_address/country_code", "required")]
    [InlineData("""{"name": "X", "kind": "company", "currency": "EUR", "locale": "fr", "billing_address": {"country_code": "France"}}""", "/billing_address/country_code", "too_long")]
    [InlineData("""{"name": "X", "kind": "company", "currency": "EUR", "locale": "fr", "vat_number": "FR123456789012345678901"}""", "/vat_number", "too_long")]
    [InlineData("""{"name": "X", "kind": "company", "currency": "EUR", "locale": "fr", "extra_emails": ["a@b.co", "nope"]}""", "/extra_emails/1", "invalid")]
    [InlineData("""{"name": "X\u0000Y", "kind": "company", "currency": "EUR", "locale": "fr"}""", "/name", "invalid")]
    [InlineData("""{"client": {"name": "X", "kind": "company", "currency": "usd", "locale": "fr"}}""", "/client/currency", "invalid")]
    public async Task Invalid_clients_get_a_422_pointing_at_the_field(string json, string pointer, string code)
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        await ApiAssert.Error(await server.Client.Post("v2/clients", json), HttpStatusCode.UnprocessableEntity, code, pointer);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("")]
    [InlineData("{\"name\": \"unterminated}")]
    public async Task Malformed_json_is_a_400(string json)
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        await ApiAssert.Error(await server.Client.Post("v2/clients", json), HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task Another_organizations_client_is_invisible()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var otherClient = server.NewClient(other.Authorization);
        var id = (await ApiAssert.Json(await otherClient.Post("v2/clients", AcmeSeed), HttpStatusCode.Created)).GetProperty("client").GetProperty("id").GetString();

        await ApiAssert.Error(await server.Client.GetAsync($"v2/clients/{id}"), HttpStatusCode.NotFound);
        await ApiAssert.Error(await server.Client.Patch($"v2/clients/{id}", new JsonObject { ["name"] = "Hijack" }), HttpStatusCode.NotFound);
        await ApiAssert.Error(await server.Client.DeleteAsync($"v2/clients/{id}"), HttpStatusCode.NotFound);
        var list = await ApiAssert.Json(await server.Client.GetAsync("v2/clients"), HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("clients").GetArrayLength());
    }
}
