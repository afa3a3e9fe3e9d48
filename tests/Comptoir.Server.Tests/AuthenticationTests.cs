using System.Net;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

public class AuthenticationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Api_key_and_bearer_token_both_authenticate(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);

        var organization = await ApiAssert.Json(await server.Client.GetAsync("v2/organization"), HttpStatusCode.OK);
        Assert.Equal(server.Demo.Organization.Slug, organization.GetProperty("organization").GetProperty("slug").GetString());
        var account = organization.GetProperty("organization").GetProperty("bank_accounts")[0];
        Assert.Equal(server.Demo.Account.Iban, account.GetProperty("iban").GetString());
        Assert.Equal(25_000_000, account.GetProperty("balance_cents").GetInt64());
        Assert.Equal("250000.00", account.GetProperty("balance").GetRawText());

        var (_, token) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.OrganizationRead }, null, "test");
        using var bearer = server.NewClient("Bearer " + token);
        await ApiAssert.Json(await bearer.GetAsync("v2/bank_accounts"), HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_missing_scope_is_a_403_naming_it(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var (_, token) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.ClientRead }, null, "test");
        using var bearer = server.NewClient("Bearer " + token);

        var error = await ApiAssert.Error(await bearer.GetAsync("v2/organization"), HttpStatusCode.Forbidden, "missing_scope");

        Assert.Contains("organization.read", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("comptoir-demo:wrong-secret")]
    [InlineData("Bearer cpt_not-a-token")]
    [InlineData("Bearer ")]
    [InlineData(":")]
    [InlineData("garbage")]
    public async Task Bad_credentials_are_401_in_the_envelope(string? authorization)
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        using var client = server.NewClient(authorization);

        await ApiAssert.Error(await client.GetAsync("v2/organization"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task An_api_key_presented_with_another_slug_is_refused()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var secret = server.Demo.ApiKeySecret;
        using var client = server.NewClient($"someone-else:{secret}");

        await ApiAssert.Error(await client.GetAsync("v2/organization"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Expired_and_revoked_tokens_are_refused()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var (_, expiring) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.OrganizationRead }, TimeSpan.FromMinutes(5), "short");
        var (revokedId, revoked) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.OrganizationRead }, null, "revoked");
        Assert.True(await server.Organizations.RevokeAsync(revokedId));

        server.Clock.Advance(TimeSpan.FromMinutes(6));

        using var first = server.NewClient("Bearer " + expiring);
        await ApiAssert.Error(await first.GetAsync("v2/organization"), HttpStatusCode.Unauthorized);
        using var second = server.NewClient("Bearer " + revoked);
        await ApiAssert.Error(await second.GetAsync("v2/organization"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_used_token_stops_at_its_expiry_and_a_revoked_one_within_the_cache_time()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var (_, expiring) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.OrganizationRead }, TimeSpan.FromSeconds(5), "short");
        var (revokedId, revoked) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.OrganizationRead }, null, "revoked");
        using var expiringClient = server.NewClient("Bearer " + expiring);
        using var revokedClient = server.NewClient("Bearer " + revoked);
        // Both are used, and so cached.
        await ApiAssert.Json(await expiringClient.GetAsync("v2/organization"), HttpStatusCode.OK);
        await ApiAssert.Json(await revokedClient.GetAsync("v2/organization"), HttpStatusCode.OK);
        Assert.True(await server.Organizations.RevokeAsync(revokedId));

        // Expiry applies at its instant, cache or not.
        server.Clock.Advance(TimeSpan.FromSeconds(5));
        await ApiAssert.Error(await expiringClient.GetAsync("v2/organization"), HttpStatusCode.Unauthorized);
        // A revocation made elsewhere reaches a server through its cache, as the README and the CLI say.
        await ApiAssert.Json(await revokedClient.GetAsync("v2/organization"), HttpStatusCode.OK);
        server.Clock.Advance(CredentialStore.CacheFor - TimeSpan.FromSeconds(5));
        await ApiAssert.Error(await revokedClient.GetAsync("v2/organization"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sandbox_mode_requires_the_staging_token()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { StagingToken = "staging-123" });

        await ApiAssert.Error(await server.Client.GetAsync("v2/organization"), HttpStatusCode.Unauthorized);
        server.Client.DefaultRequestHeaders.Add("X-Qonto-Staging-Token", "staging-123");
        await ApiAssert.Json(await server.Client.GetAsync("v2/organization"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_routes_get_the_envelope_with_a_trace_id()
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        await ApiAssert.Error(await server.Client.GetAsync("v2/does-not-exist"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Per_page_above_100_is_an_error_not_a_clamp()
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        await ApiAssert.Error(await server.Client.GetAsync("v2/bank_accounts?per_page=101"), HttpStatusCode.BadRequest, "invalid", parameter: "per_page");
        await ApiAssert.Error(await server.Client.GetAsync("v2/bank_accounts?page=abc"), HttpStatusCode.BadRequest, parameter: "page");
        var ok = await ApiAssert.Json(await server.Client.GetAsync("v2/bank_accounts?per_page=100"), HttpStatusCode.OK);
        Assert.Equal(1, ok.GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ok.GetProperty("meta").GetProperty("next_page").ValueKind);
    }

    [Fact]
    public async Task Another_organizations_account_is_a_404()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");

        await ApiAssert.Error(await server.Client.GetAsync($"v2/bank_accounts/{other.Account.Id}"), HttpStatusCode.NotFound, "not_found");
    }
}
