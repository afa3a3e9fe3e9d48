using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;
using Comptoir.Server.Transactions;
using Comptoir.Server.Webhooks;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>
/// Deliveries to real receivers on loopback ports: every event of a scripted run, signed and rendered as the API
/// renders its resource; retries on the test server's clock; isolation of a slow receiver; two processes on one
/// PostgreSQL; refused addresses.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private const string PublicUrl = "http://comptoir.test";

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_event_of_a_scripted_run_arrives_signed_with_the_apis_rendering(string engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(engine);
        var (subscriptionId, secret) = await SubscribeAsync(server, receiver.Url, "v1/client-invoices", "v1/transactions", "v1/clients", "v1/accounts", "v1/transfers");

        // An invoice created, finalized, its Factur-X file ready, and paid by incoming money quoting its number.
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var invoiceId = (await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban))).GetProperty("id").GetString()!;
        var finalized = await ApiAssert.Json(await server.Client.PostAsync($"v2/client_invoices/{invoiceId}/finalize", null), HttpStatusCode.OK);
        var number = finalized.GetProperty("client_invoice").GetProperty("number").GetString()!;
        await Seeds.WaitForDocumentAsync(server.Client, invoiceId, final: true);
        var total = finalized.GetProperty("client_invoice").GetProperty("total_amount_cents").GetInt64();
        var credit = await server.App.Services.GetRequiredService<IncomingPayments>().CreditAsync(server.Demo.Account.Iban, total, "Acme Corp", $"Payment {number}");
        Assert.Equal(invoiceId, credit.PaidInvoiceId);

        // A transfer, settled.
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        var transfer = (await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, "12.50")), HttpStatusCode.Created)).GetProperty("transfer");
        var transferId = transfer.GetProperty("id").GetString()!;
        var debitId = transfer.GetProperty("transaction_id").GetString()!;
        Assert.Equal("settled", (await server.SettleAsync(transferId, TimeSpan.FromDays(4))).GetProperty("status").GetString());

        var expected = new Dictionary<(string Type, string Id), JsonNode>
        {
            [("v1/clients", clientId)] = await RenderingAsync(server, $"v2/clients/{clientId}", "client"),
            [("v1/client-invoices", invoiceId)] = await RenderingAsync(server, $"v2/client_invoices/{invoiceId}", "client_invoice"),
            [("v1/transactions", credit.Transaction.Id)] = await RenderingAsync(server, $"v2/transactions/{credit.Transaction.Id}", "transaction"),
            [("v1/transactions", debitId)] = await RenderingAsync(server, $"v2/transactions/{debitId}", "transaction"),
            [("v1/transfers", transferId)] = await RenderingAsync(server, $"v2/sepa/transfers/{transferId}", "transfer"),
            [("v1/accounts", server.Demo.Account.Id)] = await RenderingAsync(server, $"v2/bank_accounts/{server.Demo.Account.Id}", "bank_account"),
        };
        // client created; invoice created, finalized, Factur-X ready, paid; credit created and categorized as a sale;
        // debit created and completed;
        // transfer created and settled; account: credit, reservation, settlement.
        // At least these per type. A draft's own PDF may be rendered before its finalization (one more invoice event)
        // or not (the render is then dropped): both are right, so the counts below are lower bounds where timing decides.
        var least = new Dictionary<string, int> { ["v1/clients"] = 1, ["v1/client-invoices"] = 4, ["v1/transactions"] = 4, ["v1/transfers"] = 2, ["v1/accounts"] = 3 };
        var received = await receiver.WaitForAsync(r => least.All(l => r.Count(h => h.Json.GetProperty("type").GetString() == l.Key) >= l.Value));
        await Task.Delay(300);
        received = receiver.Received;

        // At least once: an event may arrive twice only after an attempt the sender did not hear back from. Here the
        // settlement moves the server's clock 4 days on, past the lease of a send in flight, which is then sent again.
        var deliveries = await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{subscriptionId}/deliveries?per_page=100"), HttpStatusCode.OK);
        var retried = deliveries.GetProperty("deliveries").EnumerateArray().Where(d => d.GetProperty("attempts").GetInt32() > 1)
            .Select(d => d.GetProperty("id").GetString()).ToHashSet();
        var twice = received.GroupBy(r => r.EventId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.All(retried.Contains), $"sent twice without a second attempt: {string.Join(", ", twice.Where(id => !retried.Contains(id)))}");
        received = received.DistinctBy(r => r.EventId).ToList();
        foreach (var hook in received)
        {
            // Signed on the server's clock, which the settlement moved 4 days on.
            Assert.True(Comptoir.Client.WebhookSignature.Verify(hook.Signature, hook.Body, secret, server.Clock.GetUtcNow(), TimeSpan.FromDays(5)), $"signature of {hook.Body[..Math.Min(80, hook.Body.Length)]}");
            var json = hook.Json;
            Assert.Equal(subscriptionId, json.GetProperty("subscription_id").GetString());
            Assert.Equal(server.Demo.Organization.Id, json.GetProperty("organization_id").GetString());
        }

        var byType = received.GroupBy(r => r.Json.GetProperty("type").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, byType["v1/clients"]);
        Assert.InRange(byType["v1/client-invoices"], 4, 5);
        Assert.True(byType["v1/transactions"] >= 4, string.Join(" | ", received.Where(r => r.Json.GetProperty("type").GetString() == "v1/transactions").Select(r => r.Json.GetProperty("data").ToString())));
        Assert.Equal(2, byType["v1/transfers"]);
        Assert.Equal(3, byType["v1/accounts"]);

        // The resource's current rendering is among its events, field for field (the event name aside).
        foreach (var ((type, id), rendering) in expected)
        {
            var data = received.Where(r => r.Json.GetProperty("type").GetString() == type)
                .Select(r => JsonNode.Parse(r.Json.GetProperty("data").GetRawText())!.AsObject())
                .Where(d => d["id"]!.GetValue<string>() == id)
                .Select(d => { d.Remove("event"); return d; })
                .ToList();
            Assert.True(data.Any(d => JsonNode.DeepEquals(d, rendering)), $"{type} {id}: no event carries {rendering.ToJsonString()}; got {string.Join(" | ", data.Select(d => d.ToJsonString()))}");
        }

        deliveries = await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{subscriptionId}/deliveries"), HttpStatusCode.OK);
        Assert.All(deliveries.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Without_a_subscription_to_the_type_no_event_is_written_and_a_refused_change_writes_none(string engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(engine);
        await SubscribeAsync(server, receiver.Url, "v1/transfers");

        var clientId = await Seeds.CreateClientAsync(server.Client);
        await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban));
        await ApiAssert.Error(await server.Client.Post("v2/clients", new JsonObject { ["kind"] = "company" }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(0, await CountAsync(server, "SELECT COUNT(*) FROM webhook_events"));
        Assert.Equal(0, await CountAsync(server, "SELECT COUNT(*) FROM webhook_deliveries"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_receiver_down_gets_every_event_on_the_retry_schedule_once_back(string engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = 503;
        await using var server = await StartAsync(engine);
        var (subscriptionId, _) = await SubscribeAsync(server, receiver.Url, "v1/clients");

        var clientId = await Seeds.CreateClientAsync(server.Client);
        await receiver.WaitForAsync(r => r.Count == 1);
        var first = await DeliveryAsync(server, subscriptionId);
        await WaitAsync(async () => (await DeliveryAsync(server, subscriptionId)).GetProperty("status").GetString() == "pending");
        var pending = await DeliveryAsync(server, subscriptionId);
        Assert.Equal(1, pending.GetProperty("attempts").GetInt32());
        Assert.Equal(503, pending.GetProperty("last_status_code").GetInt32());
        Assert.StartsWith("HTTP 503", pending.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        // After attempt 1 the wait is 10 s less up to a quarter: nothing more comes before it.
        var next = DateTimeOffset.Parse(pending.GetProperty("next_attempt_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var wait = next - server.Clock.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromSeconds(7.5), TimeSpan.FromSeconds(10));

        // Down for 10 minutes of the server's clock: each attempt comes when due, and only then.
        var attempts = 1;
        var downUntil = server.Clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (server.Clock.GetUtcNow() < downUntil)
        {
            var due = DateTimeOffset.Parse((await DeliveryAsync(server, subscriptionId)).GetProperty("next_attempt_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            server.Clock.Advance(due - server.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
            await Task.Delay(300);
            Assert.Equal(attempts, receiver.Received.Count);
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            attempts++;
            await receiver.WaitForAsync(r => r.Count == attempts);
            await WaitAsync(async () => (await DeliveryAsync(server, subscriptionId)).GetProperty("attempts").GetInt32() == attempts
                && (await DeliveryAsync(server, subscriptionId)).GetProperty("status").GetString() == "pending");
        }

        Assert.InRange(attempts, 6, 8); // 10, 20, 40, 80, 160, 320 s (less jitter) fit in 10 minutes
        receiver.Status = 200;
        server.Clock.Advance(TimeSpan.FromHours(1));
        await WaitAsync(async () => (await DeliveryAsync(server, subscriptionId)).GetProperty("status").GetString() == "delivered");
        Assert.Single(receiver.Received.Select(r => r.EventId).Distinct());
        Assert.Equal(first.GetProperty("id").GetString(), receiver.Received[^1].EventId);
        Assert.Equal(clientId, receiver.Received[^1].Json.GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_delivery_out_of_its_retry_window_is_failed_visible_and_retried_by_hand()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = 500;
        await using var server = await StartAsync("sqlite", TimeSpan.FromMinutes(1));
        var (subscriptionId, _) = await SubscribeAsync(server, receiver.Url, "v1/clients");
        await Seeds.CreateClientAsync(server.Client);

        await receiver.WaitForAsync(r => r.Count == 1);
        await WaitAsync(async () => (await DeliveryAsync(server, subscriptionId)).GetProperty("status").GetString() == "pending");
        for (var i = 0; i < 10 && (await DeliveryAsync(server, subscriptionId)).GetProperty("status").GetString() != "failed"; i++)
        {
            var count = receiver.Received.Count;
            server.Clock.Advance(TimeSpan.FromSeconds(30));
            await WaitAsync(async () => receiver.Received.Count > count && (await DeliveryAsync(server, subscriptionId)).GetProperty("status").GetString() != "sending");
        }

        var failed = await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{subscriptionId}/deliveries?filter[status]=failed"), HttpStatusCode.OK);
        var delivery = failed.GetProperty("deliveries")[0];
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("next_attempt_at").ValueKind);
        Assert.Equal(500, delivery.GetProperty("last_status_code").GetInt32());

        receiver.Status = 204;
        var retried = await ApiAssert.Json(await server.Client.PostAsync($"v2/webhook_subscriptions/{subscriptionId}/deliveries/{delivery.GetProperty("id").GetString()}/retry", null), HttpStatusCode.OK);
        Assert.Equal("pending", retried.GetProperty("delivery").GetProperty("status").GetString());
        await WaitAsync(async () => (await DeliveryAsync(server, subscriptionId)).GetProperty("status").GetString() == "delivered");
        await ApiAssert.Error(await server.Client.PostAsync($"v2/webhook_subscriptions/{subscriptionId}/deliveries/{Guid.NewGuid()}/retry", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_receiver_answering_in_3_s_is_retried_and_never_holds_back_another_subscription()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        slow.Delay = TimeSpan.FromSeconds(3);
        await using var fast = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync("sqlite");
        var (slowId, _) = await SubscribeAsync(server, slow.Url, "v1/clients");
        await SubscribeAsync(server, fast.Url, "v1/clients");

        for (var i = 0; i < 6; i++)
        {
            await Seeds.CreateClientAsync(server.Client);
        }

        var started = DateTime.UtcNow;
        await fast.WaitForAsync(r => r.Count == 6, TimeSpan.FromSeconds(10));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2.5), $"the fast receiver waited {DateTime.UtcNow - started}");
        // The slow one holds at most its subscription's slots, and each of its attempts times out after 1 s.
        await slow.WaitForAsync(r => r.Count >= 4, TimeSpan.FromSeconds(10));
        await WaitAsync(async () =>
        {
            var list = await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{slowId}/deliveries"), HttpStatusCode.OK);
            return list.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("status").GetString() == "pending" && d.GetProperty("attempts").GetInt32() >= 1);
        });
        var one = (await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{slowId}/deliveries"), HttpStatusCode.OK)).GetProperty("deliveries")[0];
        Assert.Contains("No answer within 1 s", one.GetProperty("last_error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "HTTP 500: (the rest of the answer did not come within 1 s)")]
    [InlineData(true, "HTTP 500: (the answer was cut off)")]
    public async Task A_refusal_whose_body_never_comes_whole_is_recorded_with_its_status(bool receiverCloses, string error)
    {
        // A refusal whose body stops short, by the timeout or a connection closed mid-body, is still an attempt with its
        // status; before, it was recorded only when its lease ran out, 32 s later.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var held = new List<System.Net.Sockets.TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                lock (held)
                {
                    held.Add(client);
                }

                var stream = client.GetStream();
                var request = new byte[65536];
                _ = await stream.ReadAsync(request); // the request, in one segment on loopback; its content does not matter
                await stream.WriteAsync("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1000\r\n\r\nstarted"u8.ToArray());
                if (receiverCloses)
                {
                    client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Both);
                    client.Close();
                }
            }
        });
        await using var server = await StartAsync("sqlite");
        var (subscriptionId, _) = await SubscribeAsync(server, new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook"), "v1/clients");

        await Seeds.CreateClientAsync(server.Client);
        var sent = DateTime.UtcNow;
        JsonElement delivery = default;
        await WaitAsync(async () =>
        {
            // One read per look, under the API's rate limit however long it takes.
            var list = (await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{subscriptionId}/deliveries"), HttpStatusCode.OK)).GetProperty("deliveries");
            delivery = list.GetArrayLength() == 0 ? default : list[0];
            return list.GetArrayLength() == 1 && delivery.GetProperty("attempts").GetInt32() == 1 && delivery.GetProperty("status").GetString() == "pending";
        });

        Assert.True(DateTime.UtcNow - sent < TimeSpan.FromSeconds(10), $"the attempt ended after {DateTime.UtcNow - sent}");
        Assert.Equal(500, delivery.GetProperty("last_status_code").GetInt32());
        Assert.Equal(error, delivery.GetProperty("last_error").GetString());
        listener.Stop();
        lock (held)
        {
            held.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Two_server_processes_on_one_postgresql_never_send_the_same_attempt_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync("postgres");
        await using var second = await server.StartSecondInstanceAsync();
        await SubscribeAsync(server, receiver.Url, "v1/clients");
        await SubscribeAsync(server, receiver.Url, "v1/clients");

        await Parallel.ForEachAsync(Enumerable.Range(0, 40), async (i, _) => await Seeds.CreateClientAsync(i % 2 == 0 ? server.Client : second.Client));

        var received = await receiver.WaitForAsync(r => r.Count >= 80);
        await Task.Delay(500);
        received = receiver.Received;
        Assert.Equal(80, received.Count);
        Assert.Equal(80, received.Select(r => (r.EventId, r.Json.GetProperty("subscription_id").GetString())).Distinct().Count());
        Assert.Equal(80, await CountAsync(server, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered' AND attempts = 1"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Without_the_loopback_allowance_a_callback_reaching_loopback_is_refused_at_delivery(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Deliveries to the loopback network refused: "localhost" resolves to it, so its https callback is accepted at
        // subscription and refused on the address connected to.
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { PublicBaseUrl = PublicUrl });
        var url = $"https://{host}:{receiver.Url.Port}/hook";
        if (host != "localhost")
        {
            await ApiAssert.Error(await server.Client.Post("v2/webhook_subscriptions", new JsonObject { ["callback_url"] = url, ["types"] = new JsonArray("v1/clients") }), HttpStatusCode.UnprocessableEntity, "forbidden_address");
            return;
        }

        var (subscriptionId, _) = await SubscribeAsync(server, new Uri(url), "v1/clients");
        await Seeds.CreateClientAsync(server.Client);

        // The delivery appears once the dispatcher has fanned the event out, then shows its refused attempt.
        await WaitAsync(async () => await HasDeliveryAsync(server, subscriptionId)
            && (await DeliveryAsync(server, subscriptionId)).GetProperty("attempts").GetInt32() == 1
            && (await DeliveryAsync(server, subscriptionId)).GetProperty("status").GetString() == "pending");
        Assert.Contains("loopback", (await DeliveryAsync(server, subscriptionId)).GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task The_test_route_sends_a_signed_test_event_and_redirects_are_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync("sqlite");
        var (subscriptionId, secret) = await SubscribeAsync(server, receiver.Url, "v1/transactions");

        var test = await ApiAssert.Json(await server.Client.PostAsync($"v2/webhook_subscriptions/{subscriptionId}/test", null), HttpStatusCode.Created);
        Assert.Equal("test", test.GetProperty("delivery").GetProperty("event").GetString());
        var hook = (await receiver.WaitForAsync(r => r.Count == 1))[0];
        Assert.True(Comptoir.Client.WebhookSignature.Verify(hook.Signature, hook.Body, secret, server.Clock.GetUtcNow()));
        Assert.Equal("test", hook.Json.GetProperty("data").GetProperty("event").GetString());
        Assert.Equal("v1/transactions", hook.Json.GetProperty("type").GetString());

        receiver.Status = 302;
        await ApiAssert.Json(await server.Client.PostAsync($"v2/webhook_subscriptions/{subscriptionId}/test", null), HttpStatusCode.Created);
        await receiver.WaitForAsync(r => r.Count == 2);
        await WaitAsync(async () => (await DeliveryAsync(server, subscriptionId)).GetProperty("status").GetString() == "pending");
        Assert.Contains("redirects are not followed", (await DeliveryAsync(server, subscriptionId)).GetProperty("last_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_subscription_gets_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = 500;
        await using var server = await StartAsync("sqlite");
        var (subscriptionId, _) = await SubscribeAsync(server, receiver.Url, "v1/clients");
        await Seeds.CreateClientAsync(server.Client);
        await receiver.WaitForAsync(r => r.Count == 1);

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"v2/webhook_subscriptions/{subscriptionId}")).StatusCode);
        server.Clock.Advance(TimeSpan.FromHours(1));
        await Seeds.CreateClientAsync(server.Client);
        await Task.Delay(500);

        Assert.Single(receiver.Received);
        Assert.Equal(0, await CountAsync(server, "SELECT COUNT(*) FROM webhook_deliveries"));
    }

    internal static Task<RunningServer> StartAsync(string engine, TimeSpan? retryWindow = null) =>
        RunningServer.StartAsync(engine, o => o with
        {
            PublicBaseUrl = PublicUrl,
            Webhooks = o.Webhooks with { AllowLoopback = true, RetryWindow = retryWindow ?? o.Webhooks.RetryWindow, PollInterval = TimeSpan.FromMilliseconds(20) },
        });

    internal static async Task<(string Id, string Secret)> SubscribeAsync(RunningServer server, Uri url, params string[] types)
    {
        var created = await ApiAssert.Json(await server.Client.Post("v2/webhook_subscriptions", new JsonObject
        {
            ["callback_url"] = url.ToString(),
            ["types"] = new JsonArray([.. types.Select(t => (JsonNode)t)]),
        }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private static async Task<JsonNode> RenderingAsync(RunningServer server, string path, string name) =>
        JsonNode.Parse((await ApiAssert.Json(await server.Client.GetAsync(path), HttpStatusCode.OK)).GetProperty(name).GetRawText())!;

    private static async Task<JsonElement> DeliveryAsync(RunningServer server, string subscriptionId) =>
        (await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{subscriptionId}/deliveries"), HttpStatusCode.OK)).GetProperty("deliveries")[0];

    private static async Task<bool> HasDeliveryAsync(RunningServer server, string subscriptionId) =>
        (await ApiAssert.Json(await server.Client.GetAsync($"v2/webhook_subscriptions/{subscriptionId}/deliveries"), HttpStatusCode.OK)).GetProperty("deliveries").GetArrayLength() > 0;

    private static Task<long> CountAsync(RunningServer server, string sql) => server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>(sql));

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(25);
        }
    }
}
