using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>Two server instances on one database, as two processes behind a load balancer.</summary>
public class ConcurrencyTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_finalizations_on_two_servers_give_one_unbroken_sequence(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        await using var second = await server.StartSecondInstanceAsync();
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add((await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban))).GetProperty("id").GetString()!);
        }

        var results = await Task.WhenAll(ids.Select((id, i) => (i % 2 == 0 ? server.Client : second.Client).PostAsync($"v2/client_invoices/{id}/finalize", null)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var numbers = new List<string>();
        foreach (var result in results)
        {
            numbers.Add((await ApiAssert.Json(result, HttpStatusCode.OK)).GetProperty("client_invoice").GetProperty("number").GetString()!);
        }

        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"F-2026-{n:000000}"), numbers.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_same_idempotency_key_on_two_servers_creates_one_invoice(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        await using var second = await server.StartSecondInstanceAsync();
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid").ToJsonString();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v2/client_invoices") { Content = Body.Json(body) };
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
            return (i % 2 == 0 ? server.Client : second.Client).SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        var invoiceIds = new HashSet<string>();
        foreach (var response in created)
        {
            invoiceIds.Add((await ApiAssert.Json(response, HttpStatusCode.Created)).GetProperty("client_invoice").GetProperty("id").GetString()!);
        }

        Assert.Single(invoiceIds);
        Assert.Equal(created.Count - 1, created.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        var list = await ApiAssert.Json(await server.Client.GetAsync("v2/client_invoices"), HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("meta").GetProperty("total_count").GetInt32());
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await ApiAssert.Error(conflict, HttpStatusCode.Conflict, "idempotency_key_in_use");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_replay_survives_a_restart_and_expires_after_30_minutes(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send(HttpClient client, JsonObject body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v2/client_invoices") { Content = Body.Json(body) };
            request.Headers.Add("X-Qonto-Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var first = await ApiAssert.Json(await Send(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban)), HttpStatusCode.Created);
        await using var second = await server.StartSecondInstanceAsync();
        // The public API replays even when the body differs.
        var changed = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        changed["header"] = "different";
        var replay = await Send(second.Client, changed);
        var replayed = await ApiAssert.Json(replay, HttpStatusCode.Created);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.GetProperty("client_invoice").GetProperty("id").GetString(), replayed.GetProperty("client_invoice").GetProperty("id").GetString());

        server.Clock.Advance(TimeSpan.FromMinutes(31));
        var fresh = await ApiAssert.Json(await Send(second.Client, changed), HttpStatusCode.Created);
        Assert.NotEqual(first.GetProperty("client_invoice").GetProperty("id").GetString(), fresh.GetProperty("client_invoice").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_failed_request_frees_its_idempotency_key()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var key = Guid.NewGuid().ToString();
        var bad = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        bad["currency"] = "USD";
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/client_invoices") { Content = Body.Json(bad) };
        request.Headers.Add("X-Qonto-Idempotency-Key", key);
        await ApiAssert.Error(await server.Client.SendAsync(request), HttpStatusCode.UnprocessableEntity);

        var retry = new HttpRequestMessage(HttpMethod.Post, "v2/client_invoices") { Content = Body.Json(Seeds.DraftBody(clientId, server.Demo.Account.Iban)) };
        retry.Headers.Add("X-Qonto-Idempotency-Key", key);
        var response = await server.Client.SendAsync(retry);
        await ApiAssert.Json(response, HttpStatusCode.Created);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
    }
}
