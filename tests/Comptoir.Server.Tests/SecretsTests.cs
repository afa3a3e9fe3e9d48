using System.Text.RegularExpressions;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

public sealed partial class SecretsTests
{
    [Fact]
    public void Secrets_are_letters_and_digits_with_256_bits()
    {
        var secrets = Enumerable.Range(0, 2000).Select(_ => Secrets.New()).ToList();

        Assert.All(secrets, s => Assert.Matches(Alphanumeric43(), s));
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
        // Every one of the 62 characters turns up: the alphabet is used whole.
        Assert.Equal(62, secrets.SelectMany(s => s).Distinct().Count());
    }

    [Fact]
    public async Task Api_keys_and_access_tokens_are_made_of_letters_and_digits()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var (_, token) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.OrganizationRead }, null, "t");

        Assert.Matches("^cpt_[A-Za-z0-9]{43}$", token);
        Assert.Matches("^[a-z0-9-]+:[A-Za-z0-9]{43}$", server.Demo.Authorization);
    }

    [GeneratedRegex("^[A-Za-z0-9]{43}$")]
    private static partial Regex Alphanumeric43();
}
