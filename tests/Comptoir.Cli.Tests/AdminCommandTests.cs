using System.Net;
using Comptoir.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Cli.Tests;

public sealed class AdminCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-admin-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private CliRun Admin(params string[] args) => CliRun.Invoke(["admin", .. args, "--data", _data]);

    [Fact]
    public async Task An_organization_account_key_and_token_made_by_admin_work_against_the_server()
    {
        Assert.Equal(0, Admin("organizations", "create", "--slug", "boulangerie-martin", "--legal-name", "Boulangerie Martin SARL", "--siren", "552100554", "--vat-number", "FR40552100554", "--city", "Lyon").ExitCode);
        var account = Admin("accounts", "add", "--organization", "boulangerie-martin", "--iban", "FR76 3000 6000 0112 3456 7890 189", "--bic", "AGRIFRPP", "--balance", "1250.40", "--main");
        Assert.Equal(0, account.ExitCode);
        var key = Admin("keys", "create", "--organization", "boulangerie-martin", "--label", "erp");
        var authorization = key.Out.Split('\n').Single(l => l.StartsWith("Authorization: ", StringComparison.Ordinal))["Authorization: ".Length..].Trim();
        var token = Admin("tokens", "create", "--organization", "boulangerie-martin", "--scopes", "client.read,client_invoices.read", "--expires-in", "1h");
        Assert.Equal(0, token.ExitCode);
        var bearer = token.Out.Split('\n').Single(l => l.StartsWith("Authorization: ", StringComparison.Ordinal))["Authorization: ".Length..].Trim();

        var app = await ComptoirServer.BuildAsync(new ServerOptions { DataDirectory = _data, Urls = "http://127.0.0.1:0", RunWorkers = false }, TimeProvider.System, _ => { });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
            var organization = await http.GetStringAsync("/v2/organization");
            Assert.Contains("Boulangerie Martin SARL", organization, StringComparison.Ordinal);
            Assert.Contains("\"balance_cents\":125040", organization, StringComparison.Ordinal);
            Assert.Contains("FR7630006000011234567890189", organization, StringComparison.Ordinal);

            using var scoped = new HttpClient { BaseAddress = new Uri(address) };
            scoped.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", bearer);
            Assert.Equal(HttpStatusCode.OK, (await scoped.GetAsync("/v2/clients")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await scoped.GetAsync("/v2/organization")).StatusCode);

            var list = Admin("credentials", "list", "--organization", "boulangerie-martin");
            var tokenId = list.Out.Split('\n').Single(l => l.Contains("access_token", StringComparison.Ordinal)).Split('\t')[0];
            Assert.Equal(0, Admin("credentials", "revoke", tokenId).ExitCode);
            Assert.Contains("revoked", Admin("credentials", "list", "--organization", "boulangerie-martin").Out, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("accounts", "add", "--organization", "nobody", "--iban", "FR7630006000011234567890189", "--bic", "X")]
    [InlineData("keys", "create", "--organization", "nobody")]
    public void Unknown_organizations_are_one_line_errors(params string[] args)
    {
        var run = Admin(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("No organization with slug 'nobody'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_are_refused_before_touching_the_database()
    {
        Assert.Equal(0, Admin("organizations", "create", "--slug", "acme", "--legal-name", "Acme", "--siren", "552100554").ExitCode);

        Assert.Equal(ExitCodes.Usage, Admin("organizations", "create", "--slug", "Bad Slug", "--legal-name", "X", "--siren", "552100554").ExitCode);
        Assert.Equal(ExitCodes.Usage, Admin("organizations", "create", "--slug", "nosiren", "--legal-name", "X").ExitCode);
        Assert.Equal(ExitCodes.BadInput, Admin("organizations", "create", "--slug", "acme", "--legal-name", "Again", "--siren", "552100554").ExitCode);
        Assert.Contains("check digits", Admin("accounts", "add", "--organization", "acme", "--iban", "FR7630006000011234567890188", "--bic", "X").Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, Admin("accounts", "add", "--organization", "acme", "--iban", "FR7630006000011234567890189", "--bic", "X", "--balance", "1e3").ExitCode);
        Assert.Contains("unknown scope", Admin("tokens", "create", "--organization", "acme", "--scopes", "everything").Error, StringComparison.Ordinal);
    }
}
