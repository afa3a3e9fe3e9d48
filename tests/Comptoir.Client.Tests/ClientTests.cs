using System.Net;
using Comptoir.Client.Models;
using Comptoir.FacturX.Reading;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Client.Tests;

public class ClientTests
{
    private static ComptoirClient SdkFor(RunningServer server, HttpMessageHandler? handler = null) =>
        new(handler is null ? new HttpClient() : new HttpClient(handler), new ComptoirClientOptions
        {
            BaseUrl = new Uri(server.BaseAddress, "v2/"),
            Authorization = server.Demo.Authorization,
            InitialBackoff = TimeSpan.FromMilliseconds(10),
        });

    private static NewClient Acme => new()
    {
        Kind = "company", Name = "Acme Corp", Email = "contact@acmecorp.com", Currency = "EUR", Locale = "en", TaxIdentificationNumber = "123456789",
        BillingAddress = new Address("1 Market Street", "Paris", "75001", null, "FR"),
    };

    private static NewClientInvoice Draft(string clientId, string iban) => new()
    {
        ClientId = clientId, IssueDate = "2026-03-19", DueDate = "2026-04-18", PaymentMethods = new PaymentMethodRequest(iban),
        Items = [new NewInvoiceItem { Title = "Consulting", Quantity = "10", Unit = "hour", UnitPrice = Money.Eur(150m), VatRate = "0.20" }],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_factur_x_workflow_through_the_sdk(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var sdk = SdkFor(server);

        var (client, created) = await sdk.Clients.FindOrCreateAsync(Acme);
        Assert.True(created);
        Assert.False((await sdk.Clients.FindOrCreateAsync(Acme)).Created);
        var organization = await sdk.Organization.GetAsync();
        var draft = await sdk.ClientInvoices.CreateAsync(Draft(client.Id, organization.BankAccounts[0].Iban));
        Assert.Equal(180000, draft.TotalAmountCents);
        Assert.Equal(1800.00m, draft.TotalAmount.Amount);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var finalized = await sdk.ClientInvoices.FinalizeAsync(draft.Id);
        Assert.Equal("F-2026-000001", finalized.Number);

        var attachment = await sdk.ClientInvoices.WaitForFacturXAsync(draft.Id, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        var path = Path.Combine(Directory.CreateTempSubdirectory("comptoir-sdk-").FullName, attachment.FileName);
        await sdk.Attachments.DownloadToFileAsync(attachment, path);

        Assert.NotNull(PdfAttachments.FindInvoiceXml(await File.ReadAllBytesAsync(path)));
        var another = await sdk.ClientInvoices.CreateAsync(Draft(client.Id, organization.BankAccounts[0].Iban));
        await Assert.ThrowsAsync<InvalidOperationException>(() => sdk.ClientInvoices.WaitForFacturXAsync(another.Id, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_supplier_e_invoice_breaking_a_rule_is_read_with_the_rule_where_it_broke_and_its_business_term()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var sdk = new ComptoirClient(new HttpClient(), new ComptoirClientOptions { BaseUrl = new Uri(server.BaseAddress, "v2/"), Authorization = server.Demo.Authorization });
        var xml = Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads.Ubl("SDK-TOTAL", grandTotal: 999m);
        var uploaded = await sdk.SupplierInvoices.UploadAsync([new SupplierInvoiceUpload(Guid.NewGuid().ToString(), "sdk-total.xml", xml)]);
        var id = Assert.Single(uploaded.Created).Id;

        var invoice = await sdk.SupplierInvoices.GetAsync(id);
        for (var i = 0; i < 200 && invoice.AnalyzedAt is null; i++)
        {
            await Task.Delay(50);
            invoice = await sdk.SupplierInvoices.GetAsync(id);
        }

        Assert.True(invoice.HasDiscrepancies);
        var total = Assert.Single(invoice.Discrepancies!, d => d.Rule == "BR-CO-15");
        Assert.False(string.IsNullOrEmpty(total.Message));
        Assert.StartsWith("/", total.Location, StringComparison.Ordinal);
        Assert.Equal("BT-112", total.Field);
    }

    [Fact]
    public async Task Waiting_for_the_factur_x_file_gives_up_at_the_deadline_of_the_injected_clock()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { DocumentDelay = TimeSpan.FromHours(1) });
        var clock = new SteppingClock(DateTimeOffset.UtcNow);
        var sdk = new ComptoirClient(new HttpClient(), new ComptoirClientOptions { BaseUrl = new Uri(server.BaseAddress, "v2/"), Authorization = server.Demo.Authorization }, clock);
        var client = (await sdk.Clients.FindOrCreateAsync(Acme)).Client;
        var invoice = await sdk.ClientInvoices.CreateAsync(Draft(client.Id, server.Demo.Account.Iban) with { Status = "unpaid" });

        var waiting = sdk.ClientInvoices.WaitForFacturXAsync(invoice.Id, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));
        for (var i = 0; i < 200 && !waiting.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5)); // the file is held back an hour: only the client's deadline can end this
            await Task.Delay(10);
        }

        Assert.True(waiting.IsCompleted, "the wait must end when the injected clock passes its deadline, not on the wall clock");
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => waiting);
        Assert.Contains(invoice.Id, timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_download_url_is_refreshed()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var sdk = SdkFor(server);
        var client = (await sdk.Clients.FindOrCreateAsync(Acme)).Client;
        var invoice = await sdk.ClientInvoices.CreateAsync(Draft(client.Id, server.Demo.Account.Iban) with { Status = "unpaid" });
        var attachment = await sdk.ClientInvoices.WaitForFacturXAsync(invoice.Id, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));

        server.Clock.Advance(TimeSpan.FromMinutes(31)); // the URL in hand has expired
        using var buffer = new MemoryStream();
        await sdk.Attachments.DownloadAsync(attachment, buffer);

        Assert.True(buffer.Length > 1000);
    }

    [Fact]
    public async Task Auto_pagination_yields_every_invoice_of_the_window()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var sdk = SdkFor(server);
        var client = (await sdk.Clients.FindOrCreateAsync(Acme)).Client;
        var from = server.Clock.GetUtcNow();
        for (var i = 0; i < 230; i++)
        {
            await sdk.ClientInvoices.CreateAsync(Draft(client.Id, server.Demo.Account.Iban));
        }

        var ids = new HashSet<string>();
        await foreach (var invoice in sdk.ClientInvoices.ListUpdatedAsync(from, server.Clock.GetUtcNow().AddSeconds(1)))
        {
            ids.Add(invoice.Id);
        }

        Assert.Equal(230, ids.Count);
    }

    [Fact]
    public async Task Errors_carry_status_code_pointer_and_trace_id()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var sdk = SdkFor(server);
        var client = (await sdk.Clients.FindOrCreateAsync(Acme)).Client;
        var bad = Draft(client.Id, server.Demo.Account.Iban) with { Items = [new NewInvoiceItem { Title = "x", Quantity = "1e3", UnitPrice = Money.Eur(1m), VatRate = "0.2" }] };

        var error = await Assert.ThrowsAsync<ComptoirApiException>(() => sdk.ClientInvoices.CreateAsync(bad));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal("/items/0/quantity", error.Errors[0].Pointer);
        Assert.Equal("invalid", error.Code);
        Assert.False(string.IsNullOrEmpty(error.TraceId));
        Assert.Contains("/items/0/quantity", error.Message, StringComparison.Ordinal);
        var notFound = await Assert.ThrowsAsync<ComptoirApiException>(() => sdk.ClientInvoices.GetAsync("00000000-0000-0000-0000-000000000000"));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Theory]
    [InlineData("drop")]
    [InlineData("drop-after-send")]
    [InlineData("500")]
    [InlineData("429")]
    public async Task Retries_keep_one_idempotency_key_and_pay_once(string fault)
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var beneficiary = await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Durand", "FR7630006000011234567890189", null, trusted: true);
        var handler = new FaultInjectingHandler(new Queue<string>());
        var sdk = SdkFor(server, handler);
        var verification = await sdk.PayeeVerification.VerifyAsync(beneficiary.Iban, "Durand");
        handler.IdempotencyKeys.Clear();
        handler.Faults.Enqueue(fault);
        handler.Faults.Enqueue(fault == "drop-after-send" ? "drop" : fault);

        var transfer = await sdk.Transfers.CreateAsync(verification.ProofToken.Token,
            new NewTransfer { BeneficiaryId = beneficiary.Id, BankAccountId = server.Demo.Account.Id, Reference = "retry", Amount = "10.00" }, Guid.NewGuid().ToString());

        Assert.Equal(3, handler.IdempotencyKeys.Count);
        Assert.Single(handler.IdempotencyKeys.Distinct());
        var organization = await sdk.Organization.GetAsync();
        Assert.Equal(25_000_000 - 1_000, organization.BankAccounts[0].AuthorizedBalanceCents);
        Assert.Equal("pending", transfer.Status);
    }

    [Fact]
    public async Task Strong_customer_authentication_surfaces_the_session_token()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var beneficiary = await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Nouveau", "FR7630006000011234567890189", null, trusted: false);
        var sdk = SdkFor(server);
        var token = (await sdk.PayeeVerification.VerifyAsync(beneficiary.Iban, "Nouveau")).ProofToken.Token;
        var request = new NewTransfer { BeneficiaryId = beneficiary.Id, BankAccountId = server.Demo.Account.Id, Reference = "sca", Amount = "10.00" };
        var key = Guid.NewGuid().ToString();

        var challenge = await Assert.ThrowsAsync<ComptoirApiException>(() => sdk.Transfers.CreateAsync(token, request, key));
        Assert.Equal((HttpStatusCode)428, challenge.StatusCode);
        var session = challenge.Fields["sca_session_token"];
        Assert.True(await server.App.Services.GetRequiredService<ScaSessions>().DecideAsync(session, approve: true));

        var transfer = await sdk.Transfers.CreateAsync(token, request, key, session);
        Assert.Equal("pending", transfer.Status);
        var beneficiaries = new List<Beneficiary>();
        await foreach (var b in sdk.Beneficiaries.ListAsync(trusted: false))
        {
            beneficiaries.Add(b);
        }

        Assert.Single(beneficiaries);
    }

    [Fact]
    public void Webhook_signatures_match_the_reference_vector_and_expire()
    {
        const string header = "t=1704110400,v1=56aff06dc227db80d6568a5070f912c601c31f20451745d257cbc0b5dfa93805";
        var at = DateTimeOffset.FromUnixTimeSeconds(1704110400);

        Assert.Equal("56aff06dc227db80d6568a5070f912c601c31f20451745d257cbc0b5dfa93805", WebhookSignature.Compute("test-secret", "1704110400", "{\"test\":\"data\"}"));
        Assert.True(WebhookSignature.Verify(header, "{\"test\":\"data\"}", "test-secret", at.AddMinutes(4)));
        Assert.False(WebhookSignature.Verify(header, "{\"test\":\"data\"}", "test-secret", at.AddMinutes(6)));
        Assert.False(WebhookSignature.Verify(header, "{\"test\":\"datA\"}", "test-secret", at));
        Assert.False(WebhookSignature.Verify(header, "{\"test\":\"data\"}", "other-secret", at));
        Assert.False(WebhookSignature.Verify("garbage", "{}", "test-secret", at));
        Assert.False(WebhookSignature.Verify(null, "{}", "test-secret", at));
    }

    [Fact]
    public async Task Registration_with_IHttpClientFactory_resolves_a_working_client()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var services = new ServiceCollection();
        services.AddComptoirClient(o =>
        {
            o.BaseUrl = new Uri(server.BaseAddress, "v2/");
            o.Authorization = server.Demo.Authorization;
        });
        using var provider = services.BuildServiceProvider();

        var organization = await provider.GetRequiredService<ComptoirClient>().Organization.GetAsync();

        Assert.Equal(server.Demo.Organization.Slug, organization.Slug);
    }
}
