using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Client.AspNetCore;
using Comptoir.Client.Models;
using Comptoir.Server.Tests.Support;
using Comptoir.Server.Transactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Comptoir.Client.Tests;

/// <summary>
/// An ASP.NET Core application using MapComptoirWebhook on a real Kestrel port, subscribed through the SDK to a real
/// Comptoir server: every event of a scripted run reaches its handler once, typed and equal to the API's rendering;
/// a delivery sent again is dropped by the deduplicator; a handler that throws gets its event again.
/// </summary>
public sealed class ComptoirWebhookEndpointTests
{
    private const string Secret = "whsec_endpoint_tests_0123456789abcdef0123";

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_event_of_a_scripted_run_reaches_the_handler_once_as_the_api_renders_it(string engine)
    {
        await using var server = await StartServerAsync(engine);
        var sdk = SdkFor(server);
        var handled = new ConcurrentQueue<WebhookEvent>();
        await using var app = await ReceiverApp.StartAsync(new ComptoirWebhookOptions { Secret = Secret, Clock = server.Clock }, (hook, _, _) =>
        {
            handled.Enqueue(hook);
            return Task.CompletedTask;
        });
        var subscription = await sdk.WebhookSubscriptions.CreateAsync(new NewWebhookSubscription { CallbackUrl = app.Url, Types = WebhookEventTypes.All, Secret = Secret, Description = "ERP" });
        Assert.Equal(Secret, subscription.Secret);
        Assert.Null((await sdk.WebhookSubscriptions.GetAsync(subscription.Id)).Secret);

        var least = new Dictionary<string, int> { ["v1/clients"] = 1, ["v1/client-invoices"] = 4, ["v1/transactions"] = 4, ["v1/transfers"] = 2, ["v1/accounts"] = 3 };

        // An invoice created, finalized, its Factur-X file ready, and paid by incoming money quoting its number.
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var invoiceId = (await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban))).GetProperty("id").GetString()!;
        var finalized = await sdk.ClientInvoices.FinalizeAsync(invoiceId);
        await Seeds.WaitForDocumentAsync(server.Client, invoiceId, final: true);
        var credit = await server.App.Services.GetRequiredService<IncomingPayments>().CreditAsync(server.Demo.Account.Iban, finalized.TotalAmountCents, "Acme Corp", $"Payment {finalized.Number}");
        Assert.Equal(invoiceId, credit.PaidInvoiceId);

        // A transfer, settled. The settlement moves the server's clock by four days, and the receiver checks
        // signatures on that clock: a delivery signed before the move and checked after it would be refused as too
        // old, and retried only when the moved clock came round. So what was sent so far arrives first (a second on:
        // an invoice's updated_at, and its event's, is a millisecond past the last change when the clock stood still).
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitAsync(async () => await server.Database.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c,
            "SELECT (SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'delivered') + (SELECT COUNT(*) FROM webhook_fanout)")) == 0);
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        var transfer = (await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, "12.50")), HttpStatusCode.Created)).GetProperty("transfer");
        var transferId = transfer.GetProperty("id").GetString()!;
        Assert.Equal("settled", (await server.SettleAsync(transferId, TimeSpan.FromDays(4))).GetProperty("status").GetString());

        // A supplier invoice uploaded (its events are asserted only if this server emits them).
        var upload = await sdk.SupplierInvoices.UploadAsync([SupplierInvoiceUpload.File("durand.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n% Facture\n%%EOF\n"), Guid.NewGuid().ToString())]);
        var supplierInvoiceId = Assert.Single(upload.Created).Id;

        await WaitAsync(() => least.All(l => handled.Count(h => h.Type == l.Key) >= l.Value));
        await Task.Delay(500);
        var events = handled.ToList();

        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal((subscription.Id, server.Demo.Organization.Id), (e.SubscriptionId, e.OrganizationId)));
        var expected = new List<(string Type, string Id, string Path, string Name)>
        {
            ("v1/clients", clientId, $"v2/clients/{clientId}", "client"),
            ("v1/client-invoices", invoiceId, $"v2/client_invoices/{invoiceId}", "client_invoice"),
            ("v1/transactions", credit.Transaction.Id, $"v2/transactions/{credit.Transaction.Id}", "transaction"),
            ("v1/transactions", transfer.GetProperty("transaction_id").GetString()!, $"v2/transactions/{transfer.GetProperty("transaction_id").GetString()}", "transaction"),
            ("v1/transfers", transferId, $"v2/sepa/transfers/{transferId}", "transfer"),
            ("v1/accounts", server.Demo.Account.Id, $"v2/bank_accounts/{server.Demo.Account.Id}", "bank_account"),
        };
        if (events.Any(e => e.Type == WebhookEventTypes.SupplierInvoices))
        {
            expected.Add(("v1/supplier-invoices", supplierInvoiceId, $"v2/supplier_invoices/{supplierInvoiceId}", "supplier_invoice"));
        }

        foreach (var (type, id, path, name) in expected)
        {
            // The resource's current rendering is among its events, field for field ("event" aside); deliveries run
            // concurrently, so the order they arrive in is not the order of the changes.
            var rendering = JsonNode.Parse((await ApiAssert.Json(await server.Client.GetAsync(path), HttpStatusCode.OK)).GetProperty(name).GetRawText());
            var data = events.Where(e => e.Type == type && e.Data.GetProperty("id").GetString() == id)
                .Select(e => JsonNode.Parse(e.Data.GetRawText())!.AsObject())
                .Select(d => { d.Remove("event"); return d; })
                .ToList();
            Assert.True(data.Any(d => JsonNode.DeepEquals(rendering, d)), $"{type} {id}: no event carries {rendering!.ToJsonString()}; got {string.Join(" | ", data.Select(d => d.ToJsonString()))}");
        }

        // Typed: an invoice event says paid, and the credit is a transaction of the invoice's total.
        Assert.Contains(events, e => e.Resource is ClientInvoice { Status: "paid" } invoice && invoice.Id == invoiceId && invoice.Number == finalized.Number);
        Assert.Contains(events, e => e.Resource is Transaction { Side: "credit" } t && t.Id == credit.Transaction.Id && t.AmountCents == finalized.TotalAmountCents);
        Assert.IsType<Transfer>(events.First(e => e.Type == WebhookEventTypes.Transfers).Resource);
        Assert.IsType<BankAccount>(events.First(e => e.Type == WebhookEventTypes.Accounts).Resource);

        // A delivery sent again (the retry route) reaches the endpoint, which answers 200 without running the handler.
        var deliveries = await ToListAsync(sdk.WebhookSubscriptions.ListDeliveriesAsync(subscription.Id));
        Assert.All(deliveries, d => Assert.Equal("delivered", d.Status));
        var again = deliveries.First(d => d.Type == WebhookEventTypes.Clients);
        var requestsBefore = app.RequestsFor(again.Id);
        Assert.Equal("pending", (await sdk.WebhookSubscriptions.RetryDeliveryAsync(subscription.Id, again.Id)).Status);
        await WaitAsync(async () => (await ToListAsync(sdk.WebhookSubscriptions.ListDeliveriesAsync(subscription.Id, "delivered"))).Any(d => d.Id == again.Id && d.Attempts == 1 && d.LastStatusCode == 200));
        Assert.Equal(requestsBefore + 1, app.RequestsFor(again.Id));
        Assert.Single(handled, h => h.Id == again.Id);

        // Replaced then deleted through the SDK.
        var replaced = await sdk.WebhookSubscriptions.ReplaceAsync(subscription.Id, new NewWebhookSubscription { CallbackUrl = app.Url, Types = [WebhookEventTypes.Clients] });
        Assert.Equal([WebhookEventTypes.Clients], replaced.Types);
        Assert.Null(replaced.Description);
        await sdk.WebhookSubscriptions.DeleteAsync(subscription.Id);
        Assert.Empty(await ToListAsync(sdk.WebhookSubscriptions.ListAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<ComptoirApiException>(() => sdk.WebhookSubscriptions.GetAsync(subscription.Id))).StatusCode);
    }

    [Fact]
    public async Task A_handler_that_throws_answers_500_and_gets_the_event_again_on_the_servers_retry()
    {
        await using var server = await StartServerAsync("sqlite");
        var sdk = SdkFor(server);
        var calls = 0;
        var handled = new ConcurrentQueue<WebhookEvent>();
        await using var app = await ReceiverApp.StartAsync(new ComptoirWebhookOptions { Secret = Secret, Clock = server.Clock }, (hook, services, _) =>
        {
            Assert.NotNull(services.GetService<ILoggerFactory>());
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("the ERP is down");
            }

            handled.Enqueue(hook);
            return Task.CompletedTask;
        });
        var subscription = await sdk.WebhookSubscriptions.CreateAsync(new NewWebhookSubscription { CallbackUrl = app.Url, Types = [WebhookEventTypes.Transactions], Secret = Secret });

        var test = await sdk.WebhookSubscriptions.SendTestEventAsync(subscription.Id);
        Assert.Equal("test", test.Event);
        await WaitAsync(async () => (await sdk.WebhookSubscriptions.ListDeliveriesAsync(subscription.Id).FirstAsync()) is { Status: "pending", Attempts: 1, LastStatusCode: 500 });
        Assert.Empty(handled);

        server.Clock.Advance(TimeSpan.FromSeconds(15));
        await WaitAsync(() => !handled.IsEmpty);
        var hook = Assert.Single(handled);
        Assert.True(hook.IsTest);
        Assert.Equal((test.Id, WebhookEventTypes.Transactions), (hook.Id, hook.Type));
        Assert.Null(hook.Resource);
        await WaitAsync(async () => (await sdk.WebhookSubscriptions.ListDeliveriesAsync(subscription.Id).FirstAsync()) is { Status: "delivered", Attempts: 2, LastStatusCode: 200 });
    }

    [Fact]
    public async Task Unsigned_stale_oversized_or_malformed_requests_are_refused_with_a_json_error_and_never_reach_the_handler()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 19, 20, 30, 0, TimeSpan.Zero));
        var calls = 0;
        await using var app = await ReceiverApp.StartAsync(new ComptoirWebhookOptions { Secret = Secret, Clock = clock, MaxBodyBytes = 2048 }, (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.CompletedTask;
        });
        using var http = new HttpClient();
        const string Event = """{"id":"evt-1","subscription_id":"s","organization_id":"o","membership_id":null,"type":"v1/clients","created_at":"2026-03-19T20:29:58Z","data":{"event":"deleted","id":"c"}}""";

        async Task<(HttpStatusCode Status, string? Code, string? Outcome)> PostAsync(string body, string? signature)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, app.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (signature is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Qonto-Signature", signature);
            }

            using var response = await http.SendAsync(request);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (response.StatusCode,
                json.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("code").GetString() : null,
                json.TryGetProperty("status", out var status) ? status.GetString() : null);
        }

        string Sign(string body, DateTimeOffset at) => WebhookSignature.Sign(Secret, at, Encoding.UTF8.GetBytes(body));

        Assert.Equal((HttpStatusCode.Unauthorized, "missing_signature", null), await PostAsync(Event, null));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_signature", null), await PostAsync(Event, WebhookSignature.Sign("whsec_someone_else_entirely_0123456789", clock.GetUtcNow(), Encoding.UTF8.GetBytes(Event))));
        Assert.Equal((HttpStatusCode.Unauthorized, "timestamp_outside_tolerance", null), await PostAsync(Event, Sign(Event, clock.GetUtcNow() - TimeSpan.FromMinutes(6))));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_event", null), await PostAsync("{\"id\":1}", Sign("{\"id\":1}", clock.GetUtcNow())));
        var large = Event.Replace("\"c\"", "\"" + new string('x', 4096) + "\"", StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "payload_too_large", null), await PostAsync(large, Sign(large, clock.GetUtcNow())));
        Assert.Equal(0, calls);

        Assert.Equal((HttpStatusCode.OK, null, "handled"), await PostAsync(Event, Sign(Event, clock.GetUtcNow())));
        Assert.Equal((HttpStatusCode.OK, null, "duplicate"), await PostAsync(Event, Sign(Event, clock.GetUtcNow())));
        Assert.Equal(1, calls);
    }

    private static Task<RunningServer> StartServerAsync(string engine) =>
        RunningServer.StartAsync(engine, o => o with
        {
            PublicBaseUrl = "http://comptoir.test",
            Webhooks = o.Webhooks with { AllowLoopback = true, PollInterval = TimeSpan.FromMilliseconds(20) },
        });

    private static ComptoirClient SdkFor(RunningServer server) =>
        new(new HttpClient(), new ComptoirClientOptions { BaseUrl = new Uri(server.BaseAddress, "v2/"), Authorization = server.Demo.Authorization, InitialBackoff = TimeSpan.FromMilliseconds(10) });

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static Task WaitAsync(Func<bool> condition) => WaitAsync(() => Task.FromResult(condition()));

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(25);
        }
    }

    /// <summary>An application on a real Kestrel port whose only route is MapComptoirWebhook; it counts requests per event id.</summary>
    private sealed class ReceiverApp : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

        private ReceiverApp(WebApplication app) => _app = app;

        public string Url { get; private set; } = string.Empty;

        public int RequestsFor(string eventId) => _requests.GetValueOrDefault(eventId);

        public static async Task<ReceiverApp> StartAsync(ComptoirWebhookOptions options, Func<WebhookEvent, IServiceProvider, CancellationToken, Task> handler)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new ReceiverApp(app);
            app.Use(async (context, next) =>
            {
                if (context.Request.Headers["X-Comptoir-Event-Id"].ToString() is { Length: > 0 } id)
                {
                    receiver._requests.AddOrUpdate(id, 1, (_, n) => n + 1);
                }

                await next(context);
            });
            app.MapComptoirWebhook("/hooks/comptoir", options, handler);
            await app.StartAsync();
            receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hooks/comptoir";
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
