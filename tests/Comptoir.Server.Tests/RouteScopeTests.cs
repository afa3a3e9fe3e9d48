using System.Net;
using System.Text;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>Every /v2 route declares its access on the route or its group, and the declaration is what is enforced.</summary>
public sealed class RouteScopeTests(RouteScopeTests.Server fixture) : IClassFixture<RouteScopeTests.Server>
{
    /// <summary>The access of every route, as the handlers checked it before the declarations replaced those checks.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GET /v2/organization"] = Scopes.OrganizationRead,
        ["GET /v2/bank_accounts"] = Scopes.OrganizationRead,
        ["GET /v2/bank_accounts/{id}"] = Scopes.OrganizationRead,
        ["GET /v2/clients"] = Scopes.ClientRead,
        ["GET /v2/clients/{id}"] = Scopes.ClientRead,
        ["POST /v2/clients"] = Scopes.ClientWrite,
        ["PATCH /v2/clients/{id}"] = Scopes.ClientWrite,
        ["PUT /v2/clients/{id}"] = Scopes.ClientWrite,
        ["DELETE /v2/clients/{id}"] = Scopes.ClientWrite,
        ["GET /v2/client_invoices"] = Scopes.ClientInvoiceRead,
        ["GET /v2/client_invoices/{id}"] = Scopes.ClientInvoiceRead,
        ["POST /v2/client_invoices"] = Scopes.ClientInvoiceWrite,
        ["PATCH /v2/client_invoices/{id}"] = Scopes.ClientInvoiceWrite,
        ["PUT /v2/client_invoices/{id}"] = Scopes.ClientInvoiceWrite,
        ["DELETE /v2/client_invoices/{id}"] = Scopes.ClientInvoiceWrite,
        ["POST /v2/client_invoices/{id}/finalize"] = Scopes.ClientInvoiceWrite,
        ["POST /v2/client_invoices/{id}/mark_as_paid"] = Scopes.ClientInvoiceWrite,
        ["POST /v2/client_invoices/{id}/unmark_as_paid"] = Scopes.ClientInvoiceWrite,
        ["POST /v2/client_invoices/{id}/mark_as_canceled"] = Scopes.ClientInvoiceWrite,
        ["GET /v2/credit_notes"] = Scopes.ClientInvoiceRead,
        ["GET /v2/credit_notes/{id}"] = Scopes.ClientInvoiceRead,
        ["POST /v2/credit_notes"] = Scopes.ClientInvoiceWrite,
        ["POST /v2/attachments"] = Scopes.AttachmentWrite,
        ["GET /v2/attachments/{id}"] = Scopes.AttachmentRead,
        ["GET /v2/attachments/{id}/download"] = "public",
        ["GET /v2/sepa/beneficiaries"] = Scopes.OrganizationRead,
        ["GET /v2/sepa/beneficiaries/{id}"] = Scopes.OrganizationRead,
        ["POST /v2/sepa/verify_payee"] = Scopes.PaymentWrite,
        ["POST /v2/sepa/bulk_verify_payee"] = Scopes.PaymentWrite,
        ["POST /v2/sepa/transfers"] = Scopes.PaymentWrite,
        ["GET /v2/sepa/transfers"] = Scopes.PaymentWrite,
        ["GET /v2/sepa/transfers/{id}"] = Scopes.PaymentWrite,
        ["POST /v2/sepa/transfers/{id}/cancel"] = Scopes.PaymentWrite,
        ["POST /v2/mocked_sca_sessions/{token}"] = Scopes.PaymentWrite,
        ["POST /v2/mocked_sca_sessions/{token}/allow"] = Scopes.PaymentWrite,
        ["POST /v2/mocked_sca_sessions/{token}/deny"] = Scopes.PaymentWrite,
        ["GET /v2/mocked_sca_sessions/{token}"] = Scopes.PaymentWrite,
        ["GET /v2/sca_sessions/{token}"] = Scopes.PaymentWrite,
        ["POST /v2/sepa/skip_verify_payee"] = Scopes.PaymentWrite,
        ["POST /v2/internal_transfers"] = Scopes.InternalTransferWrite,
        ["GET /v2/internal_transfers/{id}"] = Scopes.InternalTransferWrite,
        ["GET /v2/transactions"] = Scopes.OrganizationRead,
        ["GET /v2/transactions/{id}"] = Scopes.OrganizationRead,
        ["GET /v2/transactions/{id}/attachments"] = Scopes.AttachmentRead,
        ["POST /v2/transactions/{id}/attachments"] = Scopes.AttachmentWrite,
        ["POST /v2/supplier_invoices/bulk"] = Scopes.SupplierInvoiceWrite,
        ["GET /v2/supplier_invoices"] = Scopes.SupplierInvoiceRead,
        ["GET /v2/supplier_invoices/{id}"] = Scopes.SupplierInvoiceRead,
        ["POST /v2/supplier_invoices/{id}/mark_as_paid"] = Scopes.SupplierInvoiceWrite,
        ["POST /v2/supplier_invoices/{id}/unmark_as_paid"] = Scopes.SupplierInvoiceWrite,
        ["POST /v2/supplier_invoices/{id}/reject"] = Scopes.SupplierInvoiceWrite,
        ["DELETE /v2/transactions/{id}/attachments"] = Scopes.AttachmentWrite,
        ["DELETE /v2/transactions/{id}/attachments/{attachmentId}"] = Scopes.AttachmentWrite,
        ["GET /v2/openapi.json"] = "public",
        ["POST /v2/webhook_subscriptions"] = Scopes.Webhook,
        ["GET /v2/webhook_subscriptions"] = Scopes.Webhook,
        ["GET /v2/webhook_subscriptions/{id}"] = Scopes.Webhook,
        ["PUT /v2/webhook_subscriptions/{id}"] = Scopes.Webhook,
        ["DELETE /v2/webhook_subscriptions/{id}"] = Scopes.Webhook,
        ["GET /v2/webhook_subscriptions/{id}/deliveries"] = Scopes.Webhook,
        ["POST /v2/webhook_subscriptions/{id}/deliveries/{delivery_id}/retry"] = Scopes.Webhook,
        ["POST /v2/webhook_subscriptions/{id}/test"] = Scopes.Webhook,
        ["POST /v2/sepa/beneficiaries"] = Scopes.PaymentWrite,
        ["PATCH /v2/sepa/beneficiaries/{id}"] = Scopes.PaymentWrite,
        ["PATCH /v2/sepa/beneficiaries/trust"] = Scopes.BeneficiaryTrust,
        ["PATCH /v2/sepa/beneficiaries/untrust"] = Scopes.PaymentWrite,
        ["PATCH /v2/transactions/{id}"] = Scopes.OrganizationRead,
        ["GET /v2/labels"] = Scopes.OrganizationRead,
        ["GET /v2/labels/{id}"] = Scopes.OrganizationRead,
        ["GET /v2/memberships"] = Scopes.OrganizationRead,
        ["GET /v2/membership"] = Scopes.MembershipRead,
    };

    /// <summary>A sample of routes from each group, with the scope each needs.</summary>
    public static TheoryData<string, string, string> Samples => new()
    {
        { "GET", "v2/organization", Scopes.OrganizationRead },
        { "GET", "v2/bank_accounts/missing", Scopes.OrganizationRead },
        { "GET", "v2/clients", Scopes.ClientRead },
        { "PATCH", "v2/clients/missing", Scopes.ClientWrite },
        { "DELETE", "v2/clients/missing", Scopes.ClientWrite },
        { "GET", "v2/client_invoices", Scopes.ClientInvoiceRead },
        { "POST", "v2/client_invoices", Scopes.ClientInvoiceWrite },
        { "POST", "v2/client_invoices/missing/mark_as_paid", Scopes.ClientInvoiceWrite },
        { "POST", "v2/attachments", Scopes.AttachmentWrite },
        { "GET", "v2/attachments/missing", Scopes.AttachmentRead },
        { "GET", "v2/sepa/beneficiaries", Scopes.OrganizationRead },
        { "POST", "v2/sepa/verify_payee", Scopes.PaymentWrite },
        { "GET", "v2/sepa/transfers", Scopes.PaymentWrite },
        { "POST", "v2/sepa/transfers/missing/cancel", Scopes.PaymentWrite },
        { "GET", "v2/sca_sessions/missing", Scopes.PaymentWrite },
        { "POST", "v2/internal_transfers", Scopes.InternalTransferWrite },
        { "GET", "v2/transactions/missing", Scopes.OrganizationRead },
        { "GET", "v2/transactions/missing/attachments", Scopes.AttachmentRead },
        { "POST", "v2/transactions/missing/attachments", Scopes.AttachmentWrite },
        { "GET", "v2/supplier_invoices", Scopes.SupplierInvoiceRead },
        { "POST", "v2/supplier_invoices/bulk", Scopes.SupplierInvoiceWrite },
        { "POST", "v2/supplier_invoices/missing/reject", Scopes.SupplierInvoiceWrite },
        { "POST", "v2/sepa/beneficiaries", Scopes.PaymentWrite },
        { "PATCH", "v2/sepa/beneficiaries/trust", Scopes.BeneficiaryTrust },
        { "GET", "v2/labels", Scopes.OrganizationRead },
        { "GET", "v2/membership", Scopes.MembershipRead },
    };

    [Fact]
    public void Every_v2_route_declares_a_scope_or_is_marked_public()
    {
        var routes = MappedRoute.Of(fixture.Running.App).Where(r => r.Path.StartsWith("/v2/", StringComparison.Ordinal)).ToList();

        Assert.True(routes.Count >= Expected.Count, $"only {routes.Count} /v2 routes were found");
        var undeclared = routes.Where(r => r.Access is null).Select(r => r.ToString()).ToList();
        Assert.True(undeclared.Count == 0, "routes without a scope, RequireCredential() or AllowAnonymous(): " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Every_route_keeps_the_access_its_handler_used_to_check()
    {
        var actual = MappedRoute.Of(fixture.Running.App).Where(r => r.Path.StartsWith("/v2/", StringComparison.Ordinal))
            .ToDictionary(r => r.ToString(), r => r.Access ?? "none", StringComparer.Ordinal);

        Assert.Equal(Expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_token_without_the_routes_scope_gets_a_403_naming_it(string method, string path, string scope)
    {
        using var other = fixture.Running.NewClient("Bearer " + await fixture.TokenAsync(Scopes.Webhook));

        var error = await ApiAssert.Error(await other.SendAsync(Request(method, path)), HttpStatusCode.Forbidden, "missing_scope");

        Assert.Contains($"'{scope}'", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_token_with_the_routes_scope_passes_the_check(string method, string path, string scope)
    {
        using var granted = fixture.Running.NewClient("Bearer " + await fixture.TokenAsync(scope));

        var response = await granted.SendAsync(Request(method, path));

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_plural_invoice_scope_spelling_is_accepted()
    {
        using var plural = fixture.Running.NewClient("Bearer " + await fixture.TokenAsync("client_invoices.read"));

        await ApiAssert.Json(await plural.GetAsync("v2/client_invoices"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Scoped_routes_still_need_credentials_first()
    {
        using var anonymous = fixture.Running.NewClient(null);

        await ApiAssert.Error(await anonymous.GetAsync("v2/clients"), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiAssert.Error(await anonymous.GetAsync("v2/no_such_route"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_signed_download_needs_no_credentials_only_its_signature()
    {
        using var anonymous = fixture.Running.NewClient(null);

        await ApiAssert.Error(await anonymous.GetAsync("v2/attachments/missing/download?expires=1&signature=abc"), HttpStatusCode.Forbidden, "invalid_signature");
    }

    [Fact]
    public async Task Answering_an_SCA_session_needs_payment_write()
    {
        using var anonymous = fixture.Running.NewClient(null);
        using var reader = fixture.Running.NewClient("Bearer " + await fixture.TokenAsync(Scopes.ClientRead));
        using var payer = fixture.Running.NewClient("Bearer " + await fixture.TokenAsync(Scopes.PaymentWrite));

        await ApiAssert.Error(await anonymous.PostAsync("v2/mocked_sca_sessions/token", null), HttpStatusCode.Unauthorized);
        // A token that may only read clients must never approve a payment.
        await ApiAssert.Error(await reader.PostAsync("v2/mocked_sca_sessions/token", null), HttpStatusCode.Forbidden, "missing_scope");
        // Past the scope check: outside sandbox mode the route itself answers that there is no such session.
        await ApiAssert.Error(await payer.PostAsync("v2/mocked_sca_sessions/token", null), HttpStatusCode.NotFound, "not_found");
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    /// <summary>One server for the class, and a token per scope.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

        public RunningServer Running { get; private set; } = null!;

        public async Task<string> TokenAsync(string scope)
        {
            if (!_tokens.TryGetValue(scope, out var token))
            {
                (_, token) = await Running.Organizations.CreateAccessTokenAsync(Running.Demo.Organization.Id, new HashSet<string> { scope }, null, scope);
                _tokens[scope] = token;
            }

            return token;
        }

        public async Task InitializeAsync() => Running = await RunningServer.StartAsync("sqlite");

        public async Task DisposeAsync() => await Running.DisposeAsync();
    }
}
