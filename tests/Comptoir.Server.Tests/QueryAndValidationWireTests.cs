using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>What legacy and third-party clients send in queries, and a 422 that names every invalid field.</summary>
public sealed class QueryAndValidationWireTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Current_page_pages_like_page(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        foreach (var name in new[] { "Alpha", "Bravo", "Charlie" })
        {
            var body = Body.Seed(Seeds.AcmeClient);
            body["name"] = name;
            body["email"] = $"{name.ToLowerInvariant()}@example.com";
            await ApiAssert.Json(await server.Client.Post("v2/clients", body), HttpStatusCode.Created);
        }

        async Task<(string? Name, int Page)> Read(string query)
        {
            var page = await ApiAssert.Json(await server.Client.GetAsync("v2/clients?sort_by=name:asc&per_page=1&" + query), HttpStatusCode.OK);
            return (page.GetProperty("clients")[0].GetProperty("name").GetString(), page.GetProperty("meta").GetProperty("current_page").GetInt32());
        }

        Assert.Equal(("Bravo", 2), await Read("current_page=2"));
        Assert.Equal(("Charlie", 3), await Read("current_page=3"));
        // page wins when both are sent.
        Assert.Equal(("Alpha", 1), await Read("page=1&current_page=3"));
        await ApiAssert.Error(await server.Client.GetAsync("v2/clients?current_page=0"), HttpStatusCode.BadRequest, "invalid", parameter: "current_page");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Client_invoices_read_the_bare_filter_names_of_legacy_clients(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var draft = (await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban))).GetProperty("id").GetString();
        var unpaid = (await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"))).GetProperty("id").GetString();

        async Task<List<string?>> Ids(string query) =>
            (await ApiAssert.Json(await server.Client.GetAsync("v2/client_invoices?" + query), HttpStatusCode.OK)).GetProperty("client_invoices").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal([draft], await Ids("status=draft"));
        Assert.Equal([unpaid], await Ids("status[]=unpaid"));
        Assert.Equal(await Ids("filter[status]=draft"), await Ids("status=draft"));
        Assert.Empty(await Ids("updated_at_from=2030-01-01T00:00:00Z"));
        Assert.Equal(2, (await Ids("updated_at_to=2030-01-01T00:00:00Z")).Count);
        // The bracketed name wins when both are sent.
        Assert.Equal([unpaid], await Ids("filter[status]=unpaid&status=draft"));
        await ApiAssert.Error(await server.Client.GetAsync("v2/client_invoices?status=bogus"), HttpStatusCode.BadRequest, "not_in_list", parameter: "status");
    }

    [Theory]
    [InlineData("v2/client_invoices?filter[statuss]=paid", "filter[status]")]
    [InlineData("v2/client_invoices?filter[paid_at_from]=2026-01-01T00:00:00Z", "filter[updated_at_from]")]
    [InlineData("v2/clients?filter[bogus]=x", "filter[email]")]
    public async Task An_unknown_filter_is_a_400_naming_the_known_ones(string path, string known)
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        var error = await ApiAssert.Error(await server.Client.GetAsync(path), HttpStatusCode.BadRequest, "unknown_filter");

        Assert.Contains(known, error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A known one passes, in either list spelling.
        await ApiAssert.Json(await server.Client.GetAsync("v2/client_invoices?filter[status][]=paid&filter[status]=draft"), HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_422_names_every_invalid_field_of_the_body(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);

        var client = Body.Seed(Seeds.AcmeClient);
        client["name"] = new string('n', 251);
        client["currency"] = "euro";
        client["email"] = "not an address";
        Assert.Equal(["/currency", "/email", "/name"], await PointersAsync(await server.Client.Post("v2/clients", client)));

        var clientId = await Seeds.CreateClientAsync(server.Client);
        var invoice = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        invoice["issue_date"] = "19/03/2026";
        invoice["header"] = new string('h', 1001);
        invoice["currency"] = 12;
        Assert.Equal(["/currency", "/header", "/issue_date"], await PointersAsync(await server.Client.Post("v2/client_invoices", invoice)));

        var transfer = Payments.TransferBody("v1|token", server.Demo.Account.Id, Guid.NewGuid().ToString(), "-3");
        transfer["transfer"]!.AsObject().Remove("reference");
        transfer["transfer"]!["scheduled_date"] = "2020-01-01";
        Assert.Equal(["/transfer/amount", "/transfer/reference", "/transfer/scheduled_date"], await PointersAsync(await server.Client.PostTransferAsync(transfer)));

        // Nothing was written by the refused bodies.
        var clients = await ApiAssert.Json(await server.Client.GetAsync("v2/clients"), HttpStatusCode.OK);
        Assert.Equal(1, clients.GetProperty("meta").GetProperty("total_count").GetInt32());
    }

    private static async Task<List<string>> PointersAsync(HttpResponseMessage response)
    {
        await ApiAssert.Error(response, HttpStatusCode.UnprocessableEntity);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("source").GetProperty("pointer").GetString()!).Order(StringComparer.Ordinal)];
    }
}
